/**
 * THE ASystem wire contract: every path, method, header and JSON shape this package uses to talk
 * to ASystem / PrintEffect lives in this one file. ASystem does not publish its API; this is the
 * project's own minimal contract (JSON over HTTPS), documented in the README ("JSON contract").
 * A shop that holds ASystem's real description adapts the constants, `write*` and `read*`
 * functions below, and nothing else: nodes and the transport only use the typed shapes.
 *
 * Summary (all bodies JSON, all values of template parameters are strings):
 *   auth      header `X-Api-Key: <Api Key>` on every request
 *   errors    4xx/5xx with `{"error": {"code": "...", "message": "..."}}`
 *   GET  /api/identifiers            -> {"managerId","managerName","contractorId","contractorName"}
 *   GET  /api/templates              -> {"templates": [{"id","name"}]}
 *   GET  /api/templates/{id}         -> {"template": {"id","name","orderParameters":[P],"detailParameters":[P],"operationParameters":[P]}}
 *                                       P = {"name","type":"string|number|list|boolean|date","required":bool,"values"?:[..],"default"?:".."}
 *   POST /api/orders  (header `Idempotency-Key: pixlpark-<order id>`)
 *        {"externalId","externalNumber","templateId","managerId","contractorId",
 *         "orderParameters":{name:value},"detailParameters":{..},"operationParameters":{..}}
 *        -> 201 {"order": {"id","number","externalId","createdAt"}}; the same key again -> 200 with
 *           the order created the first time (nothing new is created)
 *   POST /api/calculator {"templateId","orderParameters":{..},"detailParameters":{..},"operationParameters":{..}}
 *        -> {"price": number, "currency": "RUB"}
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** Port used when the Api Host names none (the integration guide: "port 3000 by default"). */
export const DEFAULT_PORT = 3000;

/** Scheme used when the Api Host names none. */
export const DEFAULT_SCHEME = 'https';

/** The header that carries the Api Key (the credential's `authenticate` block sends it). */
export const API_KEY_HEADER = 'X-Api-Key';

/** The header that makes order creation safe to resend: ASystem creates at most one order per key. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export function idempotencyKeyFor(orderId: string): string {
	return `pixlpark-${orderId}`;
}

export interface Endpoint {
	method: IHttpRequestMethods;
	path: string;
}

export const ENDPOINTS = {
	identifiers: { method: 'GET', path: '/api/identifiers' },
	listTemplates: { method: 'GET', path: '/api/templates' },
	getTemplate: (templateId: string): Endpoint => ({ method: 'GET', path: `/api/templates/${encodeURIComponent(templateId)}` }),
	createOrder: { method: 'POST', path: '/api/orders' },
	calculate: { method: 'POST', path: '/api/calculator' },
} satisfies Record<string, Endpoint | ((id: string) => Endpoint)>;

/** The request used by the credential test. */
export const CREDENTIAL_TEST_PATH = '/api/identifiers';

// ---------------------------------------------------------------------------------------------
// Shapes the nodes work with
// ---------------------------------------------------------------------------------------------

export type ParameterGroup = 'order' | 'detail' | 'operation';

export const PARAMETER_GROUPS: ReadonlyArray<{ group: ParameterGroup; label: string; wireName: string }> = [
	{ group: 'order', label: 'Order', wireName: 'orderParameters' },
	{ group: 'detail', label: 'Detail', wireName: 'detailParameters' },
	{ group: 'operation', label: 'Operation', wireName: 'operationParameters' },
];

export interface Identifiers {
	managerId: string;
	managerName?: string;
	contractorId: string;
	contractorName?: string;
}

export interface TemplateSummary {
	id: string;
	name: string;
}

export interface TemplateParameter {
	name: string;
	type: string;
	required: boolean;
	values?: string[];
	default?: string;
}

export interface Template {
	id: string;
	name: string;
	parameters: Record<ParameterGroup, TemplateParameter[]>;
}

export type ParameterValues = Record<ParameterGroup, Record<string, string>>;

export interface OrderToCreate {
	externalId: string;
	externalNumber: string;
	templateId: string;
	managerId: string;
	contractorId: string;
	values: ParameterValues;
}

export interface CreatedOrder {
	id: string;
	/** False when ASystem answered with the order an earlier request with the same key created. */
	created: boolean;
	number?: string;
	externalId?: string;
	createdAt?: string;
}

export interface Calculation {
	price: number;
	currency: string;
}

export interface ApiErrorBody {
	code: string;
	message: string;
}

/** Thrown by the readers below when an answer does not have the contract's shape. */
export class ContractError extends Error {}

// ---------------------------------------------------------------------------------------------
// Writers (our shapes -> request bodies) and readers (answers -> our shapes)
// ---------------------------------------------------------------------------------------------

function obj(value: unknown, what: string): IDataObject {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ContractError(`${what} is not a JSON object`);
	return value as IDataObject;
}

function str(value: unknown, what: string, required = true): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value !== '') return value;
	if (required) throw new ContractError(`${what} is missing`);
	return undefined;
}

export function readIdentifiers(body: unknown): Identifiers {
	const b = obj(body, 'the identifiers answer');
	return {
		managerId: str(b.managerId, 'managerId') as string,
		managerName: str(b.managerName, 'managerName', false),
		contractorId: str(b.contractorId, 'contractorId') as string,
		contractorName: str(b.contractorName, 'contractorName', false),
	};
}

export function readTemplateList(body: unknown): TemplateSummary[] {
	const list = obj(body, 'the templates answer').templates;
	if (!Array.isArray(list)) throw new ContractError('"templates" is not a list');
	return list.map((raw, i) => {
		const t = obj(raw, `templates[${i}]`);
		return { id: str(t.id, `templates[${i}].id`) as string, name: str(t.name, `templates[${i}].name`, false) ?? '' };
	});
}

function readParameter(raw: unknown, what: string): TemplateParameter {
	const p = obj(raw, what);
	const parameter: TemplateParameter = {
		name: str(p.name, `${what}.name`) as string,
		type: str(p.type, `${what}.type`, false) ?? 'string',
		required: p.required === true,
	};
	if (Array.isArray(p.values)) parameter.values = p.values.map((v) => String(v));
	const fallback = str(p.default, `${what}.default`, false);
	if (fallback !== undefined) parameter.default = fallback;
	return parameter;
}

export function readTemplate(body: unknown): Template {
	const t = obj(obj(body, 'the template answer').template, '"template"');
	const parameters = {} as Template['parameters'];
	for (const { group, wireName } of PARAMETER_GROUPS) {
		const list = t[wireName] ?? [];
		if (!Array.isArray(list)) throw new ContractError(`"${wireName}" is not a list`);
		parameters[group] = list.map((p, i) => readParameter(p, `${wireName}[${i}]`));
	}
	return { id: str(t.id, 'template.id') as string, name: str(t.name, 'template.name', false) ?? '', parameters };
}

function writeValues(values: ParameterValues): IDataObject {
	const body: IDataObject = {};
	for (const { group, wireName } of PARAMETER_GROUPS) body[wireName] = { ...values[group] };
	return body;
}

export function writeOrder(order: OrderToCreate): IDataObject {
	return {
		externalId: order.externalId,
		externalNumber: order.externalNumber,
		templateId: order.templateId,
		managerId: order.managerId,
		contractorId: order.contractorId,
		...writeValues(order.values),
	};
}

/** 201 = created now; 200 = the order created earlier under the same idempotency key. */
export function readCreatedOrder(body: unknown, statusCode: number): CreatedOrder {
	const o = obj(obj(body, 'the order answer').order, '"order"');
	return {
		id: str(o.id, 'order.id') as string,
		created: statusCode === 201,
		number: str(o.number, 'order.number', false),
		externalId: str(o.externalId, 'order.externalId', false),
		createdAt: str(o.createdAt, 'order.createdAt', false),
	};
}

export function writeCalculation(templateId: string, values: ParameterValues): IDataObject {
	return { templateId, ...writeValues(values) };
}

export function readCalculation(body: unknown): Calculation {
	const b = obj(body, 'the calculator answer');
	const price = typeof b.price === 'string' ? Number(b.price.replace(',', '.')) : b.price;
	if (typeof price !== 'number' || !Number.isFinite(price)) throw new ContractError('"price" is not a number');
	return { price, currency: str(b.currency, 'currency', false) ?? 'RUB' };
}

/** Reads `{"error": {"code","message"}}`; anything else yields undefined. */
export function readError(body: unknown): ApiErrorBody | undefined {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error;
	if (error === null || typeof error !== 'object' || Array.isArray(error)) return undefined;
	const e = error as IDataObject;
	return { code: typeof e.code === 'string' ? e.code : 'UNKNOWN', message: typeof e.message === 'string' ? e.message : '' };
}

/**
 * A fake ASystem / PrintEffect server implementing this package's contract
 * (nodes/ASystem/transport/contract.ts, README "JSON contract") on 127.0.0.1.
 * No jest imports: tests and the `npm start` sandbox (cli.ts) both use it.
 *
 * State for tests: `orders` (what really arrived and was stored), `requests` (every call),
 * fault switches (`failNext`): a status (500/502/503/504/429), a connection reset before the
 * request is processed, or a lost answer (processed and stored, then the connection is cut).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeParameter, FakeTemplate } from './templates';
import { seedTemplates } from './templates';

export { EXTRA_ORDER_PARAMETERS, seedTemplates } from './templates';
export type { FakeParameter, FakeTemplate } from './templates';

export const DEFAULT_FAKE_API_KEY = 'asys-test-key-5f3c9a';

export interface FakeASystemOptions {
	port?: number;
	host?: string;
	apiKey?: string;
	templates?: FakeTemplate[];
	identifiers?: { managerId: string; managerName: string; contractorId: string; contractorName: string };
}

export type FaultKind = 'status' | 'reset' | 'lostAnswer';

export interface Fault {
	kind: FaultKind;
	/** For kind "status". */
	status?: number;
	/** Seconds for a Retry-After header (status faults). */
	retryAfter?: number;
	method?: string;
	/** Matches when the request path starts with it. */
	path?: string;
	/** How many matching requests it affects (default 1). */
	times?: number;
}

export interface StoredOrder {
	id: string;
	number: string;
	externalId: string;
	externalNumber?: string;
	templateId: string;
	managerId: string;
	contractorId: string;
	orderParameters: Record<string, string>;
	detailParameters: Record<string, string>;
	operationParameters: Record<string, string>;
	idempotencyKey?: string;
	createdAt: string;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	apiKeyValid: boolean;
	idempotencyKey?: string;
	/** What the fake did: "ok", "fault:<kind>", or the error code it answered. */
	outcome: string;
}

export interface FakeASystem {
	url: string;
	apiKey: string;
	templates: FakeTemplate[];
	identifiers: Required<FakeASystemOptions>['identifiers'];
	orders: StoredOrder[];
	requests: LoggedRequest[];
	faults: Fault[];
	failNext(fault: Fault): void;
	/** Clears orders (and their numbering), requests and faults. */
	reset(): void;
	close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

function sameSecret(received: unknown, expected: string): boolean {
	if (typeof received !== 'string') return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let size = 0;
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new HttpError(413, 'BODY_TOO_LARGE', 'The request body is too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		// Own-property parse: "__proto__" keys stay plain data.
		return JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
	} catch {
		throw new HttpError(400, 'BAD_JSON', 'The request body is not valid JSON');
	}
}

const GROUPS = ['orderParameters', 'detailParameters', 'operationParameters'] as const;
type GroupName = (typeof GROUPS)[number];

function publicTemplate(t: FakeTemplate) {
	const strip = (list: FakeParameter[]) => list.map((p) => ({ ...p }));
	return { id: t.id, name: t.name, orderParameters: strip(t.orderParameters), detailParameters: strip(t.detailParameters), operationParameters: strip(t.operationParameters) };
}

/** Checks parameter values against a template as ASystem would; returns the values by group. */
function validateValues(template: FakeTemplate, body: Record<string, unknown>, requireRequired: boolean): Record<GroupName, Record<string, string>> {
	const result = {} as Record<GroupName, Record<string, string>>;
	for (const group of GROUPS) {
		const raw = body[group] ?? {};
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new HttpError(400, 'VALIDATION_ERROR', `"${group}" must be an object of name: value`);
		const values: Record<string, string> = {};
		for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
			const parameter = template[group].find((p) => p.name === name);
			if (!parameter) throw new HttpError(400, 'VALIDATION_ERROR', `Template "${template.name}" has no parameter "${name}" in ${group}`);
			if (typeof value !== 'string') throw new HttpError(400, 'VALIDATION_ERROR', `Parameter "${name}" must be a string, got ${typeof value}`);
			if (value.trim() === '') throw new HttpError(400, 'VALIDATION_ERROR', `Parameter "${name}" is empty`);
			if (parameter.type === 'list' && parameter.values && !parameter.values.includes(value)) {
				throw new HttpError(400, 'VALIDATION_ERROR', `Parameter "${name}" does not allow "${value}" (allowed: ${parameter.values.join(', ')})`);
			}
			if (parameter.type === 'number' && !Number.isFinite(Number(value.replace(',', '.')))) {
				throw new HttpError(400, 'VALIDATION_ERROR', `Parameter "${name}" must be a number, got "${value}"`);
			}
			values[name] = value;
		}
		for (const parameter of template[group]) {
			if (values[parameter.name] !== undefined) continue;
			if (parameter.default !== undefined) continue;
			if (parameter.required && requireRequired) throw new HttpError(400, 'VALIDATION_ERROR', `Required parameter "${parameter.name}" is missing`);
		}
		result[group] = values;
	}
	return result;
}

/** The fake's calculator: unit price x quantity + surcharges, minus a promo code, to kopecks. */
export function fakePrice(template: FakeTemplate, values: Record<GroupName, Record<string, string>>): number {
	const all: Record<string, string> = {};
	for (const group of GROUPS) {
		for (const p of template[group]) if (p.default !== undefined) all[p.name] = p.default;
		Object.assign(all, values[group]);
	}
	const quantity = Number((all[template.pricing.quantityParameter] ?? '1').replace(',', '.'));
	let price = template.pricing.unitPrice * quantity;
	for (const [name, byValue] of Object.entries(template.pricing.surcharges)) {
		const value = all[name];
		if (value !== undefined && byValue[value] !== undefined) price += byValue[value];
	}
	const promo = all['Промо-код'];
	if (promo && template.pricing.promoCodes[promo] !== undefined) price *= 1 - template.pricing.promoCodes[promo] / 100;
	return Math.round(price * 100) / 100;
}

export async function startFakeASystem(options: FakeASystemOptions = {}): Promise<FakeASystem> {
	const apiKey = options.apiKey ?? DEFAULT_FAKE_API_KEY;
	const state = {
		templates: options.templates ?? seedTemplates(),
		identifiers: options.identifiers ?? { managerId: '7', managerName: 'Иванова Мария', contractorId: '1042', contractorName: 'Интернет-магазин (Pixlpark)' },
		orders: [] as StoredOrder[],
		requests: [] as LoggedRequest[],
		faults: [] as Fault[],
	};
	let sequence = 0;

	function takeFault(method: string, path: string): Fault | undefined {
		const index = state.faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || path.startsWith(f.path)));
		if (index < 0) return undefined;
		const fault = state.faults[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) state.faults.splice(index, 1);
		return fault;
	}

	function template(id: string): FakeTemplate {
		const found = state.templates.find((t) => t.id === id);
		if (!found) throw new HttpError(404, 'TEMPLATE_NOT_FOUND', `Template ${id} not found`);
		return found;
	}

	function createOrder(body: Record<string, unknown>, idempotencyKey: string | undefined): { status: number; payload: unknown } {
		if (idempotencyKey) {
			const existing = state.orders.find((o) => o.idempotencyKey === idempotencyKey);
			if (existing) return { status: 200, payload: { order: orderView(existing) } };
		}
		const templateId = String(body.templateId ?? '');
		if (!templateId) throw new HttpError(400, 'VALIDATION_ERROR', '"templateId" is required');
		const t = state.templates.find((x) => x.id === templateId);
		if (!t) throw new HttpError(422, 'TEMPLATE_NOT_FOUND', `Template ${templateId} not found`);
		for (const field of ['externalId', 'managerId', 'contractorId']) {
			if (typeof body[field] !== 'string' || body[field] === '') throw new HttpError(400, 'VALIDATION_ERROR', `"${field}" is required`);
		}
		if (body.managerId !== state.identifiers.managerId) throw new HttpError(422, 'MANAGER_NOT_FOUND', `Manager ${String(body.managerId)} not found`);
		if (body.contractorId !== state.identifiers.contractorId) throw new HttpError(422, 'CONTRACTOR_NOT_FOUND', `Contractor ${String(body.contractorId)} not found`);
		const values = validateValues(t, body, true);
		sequence += 1;
		const number = String(sequence).padStart(6, '0');
		const order: StoredOrder = {
			id: `AS-${number}`,
			number,
			externalId: String(body.externalId),
			externalNumber: typeof body.externalNumber === 'string' ? body.externalNumber : undefined,
			templateId,
			managerId: String(body.managerId),
			contractorId: String(body.contractorId),
			...values,
			idempotencyKey,
			createdAt: new Date().toISOString(),
		};
		state.orders.push(order);
		return { status: 201, payload: { order: orderView(order) } };
	}

	function orderView(o: StoredOrder) {
		return { id: o.id, number: o.number, externalId: o.externalId, createdAt: o.createdAt };
	}

	function route(method: string, path: string, body: unknown, idempotencyKey: string | undefined): { status: number; payload: unknown } {
		if (method === 'GET' && path === '/api/identifiers') return { status: 200, payload: { ...state.identifiers } };
		if (method === 'GET' && path === '/api/templates') return { status: 200, payload: { templates: state.templates.map((t) => ({ id: t.id, name: t.name })) } };
		const one = /^\/api\/templates\/([^/]+)$/.exec(path);
		if (method === 'GET' && one) return { status: 200, payload: { template: publicTemplate(template(decodeURIComponent(one[1]))) } };
		if (method === 'GET' && path === '/api/orders') return { status: 200, payload: { orders: state.orders.map(orderView) } };
		if (path === '/api/orders' && method === 'POST') return createOrder(asObject(body), idempotencyKey);
		if (path === '/api/calculator' && method === 'POST') {
			const b = asObject(body);
			const t = template(String(b.templateId ?? ''));
			return { status: 200, payload: { price: fakePrice(t, validateValues(t, b, true)), currency: 'RUB' } };
		}
		if (['/api/identifiers', '/api/templates', '/api/orders', '/api/calculator'].includes(path) || one) {
			throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
		}
		throw new HttpError(404, 'NOT_FOUND', `No endpoint ${method} ${path}`);
	}

	function asObject(body: unknown): Record<string, unknown> {
		if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'BAD_JSON', 'The request body must be a JSON object');
		return body as Record<string, unknown>;
	}

	function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
		const text = JSON.stringify(payload);
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
		res.end(text);
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://fake');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const key = req.headers['x-api-key'];
		const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
		const log: LoggedRequest = { method, path, query: Object.fromEntries(url.searchParams), body: undefined, apiKeyValid: sameSecret(key, apiKey), idempotencyKey, outcome: 'ok' };
		state.requests.push(log);
		try {
			const text = await readBody(req);
			log.body = parseJson(text);
			const fault = takeFault(method, path);
			if (fault?.kind === 'reset') {
				log.outcome = 'fault:reset';
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'status') {
				const status = fault.status ?? 500;
				log.outcome = `fault:${status}`;
				const code = status === 429 ? 'RATE_LIMITED' : status === 503 ? 'UNAVAILABLE' : 'INTERNAL_ERROR';
				send(res, status, { error: { code, message: `Fake fault ${status}` } }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
				return;
			}
			if (!log.apiKeyValid) {
				// Echoes the key, as careless servers do: the package must redact it.
				throw new HttpError(401, 'INVALID_API_KEY', `API key "${typeof key === 'string' ? key : ''}" is not valid`);
			}
			const { status, payload } = route(method, path, log.body, idempotencyKey);
			if (fault?.kind === 'lostAnswer') {
				log.outcome = 'fault:lostAnswer';
				req.socket.destroy();
				return;
			}
			send(res, status, payload);
		} catch (error) {
			const e = error instanceof HttpError ? error : new HttpError(500, 'INTERNAL_ERROR', String(error));
			log.outcome = e.code;
			if (!res.headersSent) send(res, e.status, { error: { code: e.code, message: e.message } });
		}
	}

	const server: Server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
		apiKey,
		get templates() {
			return state.templates;
		},
		get identifiers() {
			return state.identifiers;
		},
		get orders() {
			return state.orders;
		},
		get requests() {
			return state.requests;
		},
		get faults() {
			return state.faults;
		},
		failNext(fault: Fault) {
			state.faults.push({ ...fault });
		},
		reset() {
			sequence = 0;
			state.orders.length = 0;
			state.requests.length = 0;
			state.faults.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

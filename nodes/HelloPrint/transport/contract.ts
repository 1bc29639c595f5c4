/**
 * THE HelloPrint wire contract, in one place.
 *
 * HelloPrint (helloprint.ru) publishes no API description. Public test code shows only
 * `POST {host}/api/v3/request-orders` with `{name, surname, patronymic, phone, client_type_id, ...}`
 * and an answer that carries a `link`. Everything else below is this package's definition of the
 * rest of the API (see the README, "HelloPrint -> Contract"). A shop that receives HelloPrint's real
 * description changes this file (paths, field names, envelopes), not the node.
 *
 * - Base: `{Api Host}/api/v3`, JSON in and out, `Authorization: Bearer <Api Key>`.
 * - Lists: `GET /managers | /companies | /tech-sites | /order-sources | /templates`
 *   with `?page=N&per_page=M` -> `{ data: [{ id, name, ... }], meta: { current_page, last_page, per_page, total } }`.
 * - One template: `GET /templates/{id}` -> `{ data: { id, name, code, parameters: [TemplateParameter] } }`.
 * - Create a request: `POST /request-orders` with a RequestOrderPayload and the header
 *   `Idempotency-Key: pixlpark-<order id>`; 201 `{ data: { id, number, link } }` when created,
 *   200 with the same data (and `Idempotent-Replayed: true`) when that key was already used.
 * - Errors: any 4xx/5xx with `{ message, errors?: { field: [text] } }` (422 for validation).
 */
import type { IDataObject } from 'n8n-workflow';

export const API_PREFIX = '/api/v3';

export const PER_PAGE = 100;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const REPLAYED_HEADER = 'idempotent-replayed';

/** The four lists the guide has the shop choose defaults from, plus templates. */
export const LIST_PATHS = {
	managers: '/managers',
	companies: '/companies',
	techSites: '/tech-sites',
	orderSources: '/order-sources',
	templates: '/templates',
} as const;

export type ListName = keyof typeof LIST_PATHS;

export const LIST_LABELS: Record<ListName, string> = {
	managers: 'manager',
	companies: 'company',
	techSites: 'technical site',
	orderSources: 'order source',
	templates: 'template',
};

export const REQUEST_ORDERS_PATH = '/request-orders';

export function templatePath(id: string): string {
	return `${LIST_PATHS.templates}/${encodeURIComponent(id)}`;
}

/** `client_type_id`: HelloPrint's client kinds. */
export const CLIENT_TYPE = { person: 1, company: 2 } as const;

export interface ListEntry extends IDataObject {
	id: number | string;
	name: string;
}

export interface ListPage {
	data: ListEntry[];
	meta?: { current_page?: number; last_page?: number; per_page?: number; total?: number };
}

export interface TemplateParameter extends IDataObject {
	id: number | string;
	name: string;
	/** string | number | select | boolean */
	type?: string;
	required?: boolean;
	options?: string[];
	default?: string | null;
}

export interface Template extends IDataObject {
	id: number | string;
	name: string;
	code?: string;
	parameters: TemplateParameter[];
}

export interface RequestOrderItem extends IDataObject {
	name: string;
	quantity: number;
	price: number;
	total: number;
	options: Array<{ name: string; value: string }>;
}

export interface RequestOrderPayload extends IDataObject {
	surname: string;
	name: string;
	patronymic: string;
	phone: string;
	email?: string;
	client_type_id: number;
	company_name?: string;
	inn?: string;
	manager_id?: number | string;
	company_id?: number | string;
	tech_site_id?: number | string;
	order_source_id?: number | string;
	template_id?: number | string;
	template_params?: Array<{ id: number | string; name: string; value: string }>;
	/** The shop's order id and number, so a request can be traced back. */
	external_id: string;
	external_number: string;
	title?: string;
	/** The discussion feed, one line per entry: `[author][date][text]`. */
	comment?: string;
	archive_link?: string;
	order_link?: string;
	total: number;
	currency: string;
	delivery?: { method?: string; address?: string; recipient?: string; phone?: string; price: number };
	items: RequestOrderItem[];
}

export interface CreatedRequestOrder extends IDataObject {
	id: number | string;
	number?: string;
	link: string;
}

/** The idempotency key of an order: the same order always gets the same key. */
export function idempotencyKeyFor(orderId: string): string {
	return `pixlpark-${orderId}`;
}

/** The error envelope: `{ message, errors?: { field: [text] } }`; returns a one-line text. */
export function errorText(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const envelope = body as { message?: unknown; errors?: unknown };
	const message = typeof envelope.message === 'string' ? envelope.message.trim() : '';
	const details: string[] = [];
	if (envelope.errors && typeof envelope.errors === 'object' && !Array.isArray(envelope.errors)) {
		for (const [field, texts] of Object.entries(envelope.errors as Record<string, unknown>)) {
			const list = Array.isArray(texts) ? texts : [texts];
			details.push(`${field}: ${list.map(String).join('; ')}`);
		}
	}
	const text = [message, details.join(', ')].filter(Boolean).join(' - ');
	return text || undefined;
}

/** Reads a list page; returns undefined when the answer does not have the contract's shape. */
export function readListPage(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) return { data: body as ListEntry[] };
	if (!body || typeof body !== 'object') return undefined;
	const page = body as ListPage;
	if (!Array.isArray(page.data)) return undefined;
	return page;
}

/** Unwraps `{ data: X }`; returns undefined when absent. */
export function readData<T>(body: unknown): T | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const data = (body as { data?: unknown }).data;
	return data && typeof data === 'object' ? (data as T) : undefined;
}

/**
 * The base URL from the credential's Api Host: trims, adds https:// when no scheme is given,
 * drops trailing slashes and a pasted `/api/v3`. Returns undefined for an unusable address.
 */
export function apiBase(apiHost: unknown): string | undefined {
	if (typeof apiHost !== 'string') return undefined;
	let host = apiHost.trim();
	if (!host) return undefined;
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) host = `https://${host}`;
	if (!/^https?:\/\//i.test(host)) return undefined;
	host = host.replace(/\/+$/, '').replace(/\/api\/v3$/i, '').replace(/\/+$/, '');
	try {
		const parsed = new URL(host);
		if (!parsed.hostname) return undefined;
	} catch {
		return undefined;
	}
	return `${host}${API_PREFIX}`;
}

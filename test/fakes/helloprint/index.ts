/**
 * A fake HelloPrint API v3 on 127.0.0.1, implementing this package's contract
 * (nodes/HelloPrint/transport/contract.ts, README "HelloPrint -> Contract"):
 * Bearer key check, paged lists, templates, request-orders with Idempotency-Key, Laravel-style
 * `{ message, errors }` errors, and injectable faults (status codes, resets, lost answers).
 * No jest imports: it also runs as a sandbox process (cli.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { defaultSeed, type Entry, type FakeSeed, type FakeTemplate } from './seed';

export type { Entry, FakeSeed, FakeTemplate } from './seed';

export interface FakeHelloPrintOptions {
	apiKey?: string;
	port?: number;
	host?: string;
	/** Replaces parts of the default seed. */
	seed?: Partial<FakeSeed>;
	/** The largest `per_page` honoured (smaller forces paging in tests). Default 100. */
	maxPerPage?: number;
}

/**
 * A fault for the next matching calls:
 * - status: answer this status (and body, headers) without doing anything;
 * - reset: destroy the connection without doing anything;
 * - lose: do the work (store the request), then destroy the connection: the answer is lost.
 */
export interface FakeFault {
	kind: 'status' | 'reset' | 'lose';
	method?: string;
	/** Matches the path after /api/v3 by prefix, e.g. "/request-orders". */
	path?: string;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How many calls it hits; default 1. */
	times?: number;
}

export interface StoredRequestOrder {
	id: number;
	number: string;
	link: string;
	idempotencyKey?: string;
	body: Record<string, unknown>;
	createdAt: string;
}

export interface FakeCall {
	method: string;
	path: string;
	query: Record<string, string>;
	authorization?: string;
	idempotencyKey?: string;
	status: number;
}

export interface FakeHelloPrint {
	url: string;
	apiKey: string;
	/** The credential as the node wants it. */
	credentials: { apiHost: string; apiKey: string };
	seed: FakeSeed;
	requestOrders: StoredRequestOrder[];
	calls: FakeCall[];
	faults: FakeFault[];
	fault(fault: FakeFault): void;
	close(): Promise<void>;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly errors?: Record<string, string[]>,
	) {
		super(message);
	}
}

const PREFIX = '/api/v3';
const MAX_BODY = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let size = 0;
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new HttpError(413, 'Payload too large.'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function asId(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

export async function startFakeHelloPrint(options: FakeHelloPrintOptions = {}): Promise<FakeHelloPrint> {
	const apiKey = options.apiKey ?? 'hp-test-key-5f3a9c1e7b2d';
	const seed: FakeSeed = { ...defaultSeed(), ...(options.seed ?? {}) };
	const maxPerPage = options.maxPerPage ?? 100;
	const requestOrders: StoredRequestOrder[] = [];
	const calls: FakeCall[] = [];
	const faults: FakeFault[] = [];
	let nextId = 1001;
	let url = '';

	function takeFault(method: string, path: string): FakeFault | undefined {
		const index = faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || path.startsWith(f.path)));
		if (index < 0) return undefined;
		const fault = faults[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) faults.splice(index, 1);
		return fault;
	}

	function page(list: Entry[] | FakeTemplate[], query: URLSearchParams) {
		const perPage = Math.min(maxPerPage, Math.max(1, Number(query.get('per_page') ?? 20) || 20));
		const current = Math.max(1, Number(query.get('page') ?? 1) || 1);
		const lastPage = Math.max(1, Math.ceil(list.length / perPage));
		const data = (list as Array<Entry | FakeTemplate>).slice((current - 1) * perPage, current * perPage).map((entry) => {
			if (!Array.isArray(entry.parameters)) return entry;
			const { parameters, ...rest } = entry as FakeTemplate;
			return { ...rest, parameters_count: parameters.length };
		});
		return { data, meta: { current_page: current, last_page: lastPage, per_page: perPage, total: list.length } };
	}

	function validateRequest(body: Record<string, unknown>): Record<string, string[]> {
		const errors: Record<string, string[]> = {};
		const add = (field: string, text: string) => (errors[field] ??= []).push(text);
		if (typeof body.name !== 'string' || !body.name.trim()) add('name', 'The name field is required.');
		if (typeof body.phone !== 'string' || !body.phone.trim()) add('phone', 'The phone field is required.');
		else if (body.phone.replace(/\D/g, '').length < 5) add('phone', 'The phone format is invalid.');
		for (const field of ['surname', 'patronymic', 'email', 'comment', 'archive_link', 'title']) {
			if (body[field] !== undefined && typeof body[field] !== 'string') add(field, `The ${field} must be a string.`);
		}
		if (body.client_type_id !== 1 && body.client_type_id !== 2) add('client_type_id', 'The selected client type id is invalid.');
		if (body.client_type_id === 2 && (typeof body.company_name !== 'string' || !body.company_name.trim())) {
			add('company_name', 'The company name field is required when client type id is 2.');
		}
		if (typeof body.external_id !== 'string' || !body.external_id) add('external_id', 'The external id field is required.');
		const refs: Array<[string, Entry[], string]> = [
			['manager_id', seed.managers, 'manager id'],
			['company_id', seed.companies, 'company id'],
			['tech_site_id', seed.techSites, 'tech site id'],
			['order_source_id', seed.orderSources, 'order source id'],
		];
		for (const [field, list, label] of refs) {
			if (body[field] === undefined) continue;
			const id = asId(body[field]);
			if (id === undefined || !list.some((e) => e.id === id)) add(field, `The selected ${label} is invalid.`);
		}
		if (body.items !== undefined && !Array.isArray(body.items)) add('items', 'The items must be an array.');
		if (body.template_id !== undefined) {
			const template = seed.templates.find((t) => t.id === asId(body.template_id));
			if (!template) {
				add('template_id', 'The selected template id is invalid.');
			} else {
				const given = Array.isArray(body.template_params) ? body.template_params.filter(isRecord) : [];
				for (const param of given) {
					const def = template.parameters.find((p) => p.id === asId(param.id));
					if (!def) add(`template_params.${String(param.id)}`, `The template has no parameter ${String(param.id)}.`);
					else if (def.options && !def.options.includes(String(param.value))) {
						add(`template_params.${def.id}`, `The selected value for ${def.name} is invalid.`);
					} else if (def.type === 'number' && !Number.isFinite(Number(String(param.value).replace(',', '.')))) {
						add(`template_params.${def.id}`, `The ${def.name} must be a number.`);
					}
				}
				for (const def of template.parameters) {
					if (def.required && !given.some((p) => asId(p.id) === def.id && String(p.value ?? '').trim() !== '')) {
						add(`template_params.${def.id}`, `The ${def.name} parameter is required.`);
					}
				}
			}
		}
		return errors;
	}

	async function handle(req: IncomingMessage, path: string, query: URLSearchParams): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
		const method = (req.method ?? 'GET').toUpperCase();
		const lists: Record<string, Entry[] | FakeTemplate[]> = {
			'/managers': seed.managers,
			'/companies': seed.companies,
			'/tech-sites': seed.techSites,
			'/order-sources': seed.orderSources,
			'/templates': seed.templates,
		};
		if (method === 'GET' && lists[path]) return { status: 200, body: page(lists[path], query) };
		const templateMatch = /^\/templates\/([^/]+)$/.exec(path);
		if (method === 'GET' && templateMatch) {
			const template = seed.templates.find((t) => String(t.id) === decodeURIComponent(templateMatch[1]));
			if (!template) throw new HttpError(404, 'Template not found.');
			return { status: 200, body: { data: template } };
		}
		if (path === '/request-orders' && method === 'GET') {
			const externalId = query.get('external_id');
			const found = requestOrders.filter((r) => externalId === null || r.body.external_id === externalId);
			return { status: 200, body: { data: found.map(view), meta: { current_page: 1, last_page: 1, per_page: found.length, total: found.length } } };
		}
		const requestMatch = /^\/request-orders\/(\d+)$/.exec(path);
		if (requestMatch && method === 'GET') {
			const found = requestOrders.find((r) => r.id === Number(requestMatch[1]));
			if (!found) throw new HttpError(404, 'Request not found.');
			return { status: 200, body: { data: view(found) } };
		}
		if (path === '/request-orders' && method === 'POST') {
			const raw = await readBody(req);
			let body: unknown;
			try {
				body = JSON.parse(raw || '{}');
			} catch {
				throw new HttpError(400, 'Malformed JSON.');
			}
			if (!isRecord(body)) throw new HttpError(400, 'The body must be a JSON object.');
			const key = req.headers['idempotency-key'];
			const idempotencyKey = typeof key === 'string' && key ? key : undefined;
			if (idempotencyKey) {
				const earlier = requestOrders.find((r) => r.idempotencyKey === idempotencyKey);
				if (earlier) return { status: 200, body: { data: created(earlier) }, headers: { 'Idempotent-Replayed': 'true' } };
			}
			const errors = validateRequest(body);
			if (Object.keys(errors).length) throw new HttpError(422, 'The given data was invalid.', errors);
			const id = nextId++;
			const stored: StoredRequestOrder = {
				id,
				number: `З-${id}`,
				link: `${url}/requests/${id}`,
				idempotencyKey,
				body,
				createdAt: new Date().toISOString(),
			};
			requestOrders.push(stored);
			return { status: 201, body: { data: created(stored) } };
		}
		if (lists[path] || templateMatch || requestMatch || path === '/request-orders') throw new HttpError(405, 'The method is not supported for this route.');
		throw new HttpError(404, 'Not found.');
	}

	function created(r: StoredRequestOrder) {
		return { id: r.id, number: r.number, link: r.link };
	}

	function view(r: StoredRequestOrder) {
		return { ...r.body, id: r.id, number: r.number, link: r.link, created_at: r.createdAt };
	}

	const server = createServer((req, res) => {
		const parsed = new URL(req.url ?? '/', 'http://fake');
		const query = Object.fromEntries(parsed.searchParams.entries());
		const method = (req.method ?? 'GET').toUpperCase();
		const keyHeader = req.headers['idempotency-key'];
		const call: FakeCall = {
			method,
			path: parsed.pathname,
			query,
			authorization: req.headers.authorization,
			idempotencyKey: typeof keyHeader === 'string' ? keyHeader : undefined,
			status: 0,
		};
		calls.push(call);
		const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
			call.status = status;
			send(res, status, body, headers);
		};
		if (!parsed.pathname.startsWith(`${PREFIX}/`)) return answer(404, { message: 'Not found.' });
		const path = parsed.pathname.slice(PREFIX.length);
		if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { message: 'Unauthenticated.' });
		const fault = takeFault(method, path);
		if (fault?.kind === 'reset') {
			call.status = -1;
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			return answer(fault.status ?? 500, fault.body === undefined ? { message: 'Server Error' } : fault.body, fault.headers);
		}
		handle(req, path, parsed.searchParams).then(
			(result) => {
				if (fault?.kind === 'lose') {
					call.status = -1;
					req.socket.destroy();
					return;
				}
				answer(result.status, result.body, result.headers);
			},
			(error: unknown) => {
				if (error instanceof HttpError) return answer(error.status, error.errors ? { message: error.message, errors: error.errors } : { message: error.message });
				answer(500, { message: 'Server Error' });
			},
		);
	});

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

	return {
		url,
		apiKey,
		credentials: { apiHost: url, apiKey },
		seed,
		requestOrders,
		calls,
		faults,
		fault(fault: FakeFault) {
			faults.push({ ...fault });
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

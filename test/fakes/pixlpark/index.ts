/**
 * A fake Pixlpark API on 127.0.0.1 (port 0 by default) for tests and the `npm start` sandbox.
 * No jest imports: it also runs as a plain process (see cli.ts).
 *
 * What it does like the real API (shared/reference/pixlpark.md):
 * - token flow: GET /oauth/requesttoken -> RequestToken (single use);
 *   GET /oauth/accesstoken?oauth_token=RT&grant_type=api&username=PUBLIC&password=sha1hex(RT+PRIVATE)
 *   -> AccessToken; wrong keys -> HTTP 200 `{Success:false, Error:"..."}`.
 *   GET /oauth/refreshtoken?refreshToken=... -> a new AccessToken.
 * - every other call needs `oauth_token=<AccessToken>` in the query; the envelope
 *   `{ApiVersion:"1.0", ResponseCode, ErrorMessage, Result:[...]}` wraps every answer.
 * - an expired or unknown access token is answered, by default, with HTTP 401 and the envelope
 *   `{ResponseCode:401, ErrorMessage:"Access token is invalid or expired", Success:false}`
 *   (what the open-source Go client relies on). With `expiredTokenAnswer: 'envelope'` the same
 *   envelope comes with HTTP 200 instead, the other form seen from token-based APIs: the node's
 *   transport treats both as "token refused" and renews the token once.
 * - orders are listed newest first (DateCreated, then Id, descending), `take`/`skip`/`status`/
 *   `userId`/`shippingId` filter and page them.
 *
 * Assumptions (not in the public material): `GET /orders/{id}/comments` lists an order's comments
 * in the shape `POST /orders/{id}/comments` answers; users carry `FirstName`, `LastName`,
 * `MiddleName`, `Email`, `Phone` and `CompanyAccount{Id, Name, Inn}`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeItems, makeOrder, makeUser, msDate, parseMsDate, rng, STATUS_NAMES, type Raw } from './data';

export type { Raw } from './data';
export { msDate, parseMsDate } from './data';

export interface FakePixlparkOptions {
	port?: number;
	host?: string;
	/** The Webhook Secret put into credentials() (default DEFAULT_WEBHOOK_SECRET). */
	webhookSecret?: string;
	publicKey?: string;
	privateKey?: string;
	/** How many orders to seed (default 25). */
	orders?: number;
	/** Seed of the pseudo-random data (default 1). */
	seed?: number;
	/** DateCreated of the oldest seeded order; later ones are one minute apart. */
	startMs?: number;
	/** Access token lifetime; 0 = until `expireTokens()` (default 0). */
	tokenTtlMs?: number;
	/** How a refused access token is answered (default 'http401'). */
	expiredTokenAnswer?: 'http401' | 'envelope';
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	form?: Record<string, string>;
	/** The access token this call carried was valid. */
	authorized: boolean;
}

export interface StatusChange {
	orderId: number;
	newStatus: string;
	sendNotifications: boolean;
	previousStatus: string;
	result: 'Success' | 'Warning' | 'Error';
}

export interface WebhookSendOptions {
	/** The shared secret. Without `header` it is appended to the URL as one more path segment. */
	secret?: string;
	/** Send the secret in this header instead of the path. */
	header?: string;
	/** Replace the JSON body (e.g. to send something malformed). */
	rawBody?: string;
	/** Add `?event=<event>` to the URL, as the shop sets it in Pixlpark's panel (default true). */
	eventQuery?: boolean;
}

export type WebhookEvent = 'placed' | 'changed' | 'comment' | 'render';

export interface FakePixlpark {
	url: string;
	publicKey: string;
	privateKey: string;
	/** Raw orders by id (the API's own shape, dates as /Date(ms)/). */
	orders: Map<number, Raw>;
	items: Map<number, Raw[]>;
	users: Map<number, Raw>;
	comments: Map<number, Raw[]>;
	statusChanges: StatusChange[];
	requests: RecordedRequest[];
	/** Access tokens issued so far (count only; the tokens themselves stay inside). */
	tokensIssued(): number;
	/** Makes every access token issued so far invalid. */
	expireTokens(): void;
	/** Expires every token after `n` more successful authorized calls (a token dying mid-run). */
	expireTokensAfter(n: number): void;
	/** Adds an order (with items and a user) and returns it; `modifiedMs` defaults to the fake clock. */
	addOrder(overrides?: Raw & { modifiedMs?: number; createdMs?: number }): Raw;
	/** Marks an order changed at `atMs` (default: the fake clock). */
	touchOrder(id: number, atMs?: number, changes?: Raw): Raw;
	/** The fake clock: the next timestamp it hands out. */
	now(): number;
	/** The body Pixlpark would POST for `event` on `orderId` (ISO dates, extra webhook fields). */
	webhookPayload(event: WebhookEvent, orderId: number): Raw;
	/** POSTs Pixlpark's webhook JSON to `url`; resolves with the HTTP status and body text. */
	sendWebhook(url: string, event: WebhookEvent, orderId: number, options?: WebhookSendOptions): Promise<{ status: number; body: string }>;
	/** Credentials JSON for the n8n credential `pixlparkApi`. */
	credentials(): { apiUrl: string; publicKey: string; privateKey: string; accessToken: string; webhookSecret: string };
	/** Like a webhook set in Pixlpark's panel: every later change of an order's status POSTs `event` to `url`. */
	subscribe(url: string, event: WebhookEvent, options?: WebhookSendOptions): void;
	/** A manager changes the status in Pixlpark's panel: the order changes and subscribed webhooks fire. */
	setStatusInPanel(id: number, status: string): void;
	/** Resolves when every webhook fired so far has been answered. */
	flushWebhooks(): Promise<void>;
	close(): Promise<void>;
}

const API_VERSION = '1.0';

/** The secret the example workflows' Pixlpark Triggers expect (kept in the credential). */
export const DEFAULT_WEBHOOK_SECRET = 'change-me-to-a-long-random-secret';

function envelope(result: unknown, code = 200, error: string | null = null): Raw {
	return { ApiVersion: API_VERSION, ResponseCode: code, ErrorMessage: error, Result: result };
}

function sha1hex(text: string): string {
	return createHash('sha1').update(text).digest('hex');
}

function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
	return new Promise((resolve, reject) => {
		let data = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => {
			data += chunk;
			if (data.length > limit) reject(new Error('body too large'));
		});
		req.on('end', () => resolve(data));
		req.on('error', reject);
	});
}

function isoOf(value: unknown): unknown {
	if (typeof value !== 'string' || !value.startsWith('/Date(')) return value;
	return new Date(parseMsDate(value)).toISOString();
}

export async function startFakePixlpark(options: FakePixlparkOptions = {}): Promise<FakePixlpark> {
	const publicKey = options.publicKey ?? 'fake-public-key';
	const privateKey = options.privateKey ?? 'fake-private-key-0123456789';
	const random = rng(options.seed ?? 1);
	const orders = new Map<number, Raw>();
	const items = new Map<number, Raw[]>();
	const users = new Map<number, Raw>();
	const comments = new Map<number, Raw[]>();
	const statusChanges: StatusChange[] = [];
	const requests: RecordedRequest[] = [];
	const requestTokens = new Set<string>();
	const accessTokens = new Map<string, { expiresAt: number; valid: boolean }>();
	const refreshTokens = new Map<string, true>();
	let issued = 0;
	let expireCountdown: number | undefined;
	let clock = options.startMs ?? Date.UTC(2026, 0, 10, 9, 0, 0);
	let nextOrderId = 1001;
	let nextCommentId = 1;

	const tick = () => {
		const t = clock;
		clock += 60_000;
		return t;
	};

	function addOrder(overrides: Raw & { modifiedMs?: number; createdMs?: number } = {}): Raw {
		const { modifiedMs, createdMs, ...fields } = overrides;
		const id = typeof fields.Id === 'number' ? fields.Id : nextOrderId++;
		if (id >= nextOrderId) nextOrderId = id + 1;
		const userId = typeof fields.UserId === 'number' ? fields.UserId : 1 + (id % 40);
		const isCompany = userId % 5 === 0;
		if (!users.has(userId)) users.set(userId, makeUser(userId, random, isCompany));
		const user = users.get(userId)!;
		const orderItems = makeItems(id, random);
		const created = createdMs ?? tick();
		const order = makeOrder(id, userId, created, orderItems, random, (user.CompanyAccount as Raw | null) ?? null);
		Object.assign(order, fields);
		if (modifiedMs !== undefined) order.DateModified = msDate(modifiedMs);
		orders.set(id, order);
		items.set(id, orderItems);
		if (!comments.has(id)) comments.set(id, []);
		return order;
	}

	for (let i = 0; i < (options.orders ?? 25); i++) addOrder();
	// One seeded comment on the first order, so "get full order" has something to show.
	const first = orders.values().next().value;
	if (first) {
		comments.get(first.Id as number)!.push({
			Id: nextCommentId++, OrderId: first.Id, Status: 'Published', DateCreated: first.DateCreated,
			BodySource: 'Customer asked for a gift box', UserCreatedId: first.UserId, UserName: 'Customer',
		});
		first.CommentsCount = 1;
	}

	function touchOrder(id: number, atMs?: number, changes: Raw = {}): Raw {
		const order = orders.get(id);
		if (!order) throw new Error(`fake pixlpark: no order ${id}`);
		Object.assign(order, changes);
		order.DateModified = msDate(atMs ?? tick());
		return order;
	}

	function tokenState(token: unknown): 'ok' | 'refused' {
		if (typeof token !== 'string') return 'refused';
		const state = accessTokens.get(token);
		if (!state || !state.valid) return 'refused';
		if (state.expiresAt && Date.now() > state.expiresAt) return 'refused';
		return 'ok';
	}

	function send(res: ServerResponse, status: number, body: unknown) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
		res.end(text);
	}

	function issueAccessToken(res: ServerResponse) {
		const token = randomBytes(16).toString('hex');
		const refresh = randomBytes(16).toString('hex');
		const ttl = options.tokenTtlMs ?? 0;
		accessTokens.set(token, { expiresAt: ttl ? Date.now() + ttl : 0, valid: true });
		refreshTokens.set(refresh, true);
		issued++;
		send(res, 200, { AccessToken: token, RefreshToken: refresh, Expires: ttl ? Math.round(ttl / 1000) : 3600, Success: true, Error: null });
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://fake');
		const query: Record<string, string | string[]> = {};
		for (const key of new Set(url.searchParams.keys())) {
			const all = url.searchParams.getAll(key);
			query[key] = all.length > 1 ? all : all[0];
		}
		const method = req.method ?? 'GET';
		const path = url.pathname.replace(/\/+$/, '') || '/';
		let form: Record<string, string> | undefined;
		if (method === 'POST') {
			const text = await readBody(req);
			form = Object.fromEntries(new URLSearchParams(text));
		}

		// ---- token flow ----
		if (path === '/oauth/requesttoken') {
			const token = randomBytes(12).toString('hex');
			requestTokens.add(token);
			requests.push({ method, path, query: {}, authorized: false });
			return send(res, 200, { RequestToken: token, Success: true, Error: null });
		}
		if (path === '/oauth/accesstoken') {
			requests.push({ method, path, query: { grant_type: String(query.grant_type ?? ''), username: String(query.username ?? '') }, authorized: false });
			const rt = String(query.oauth_token ?? '');
			if (!requestTokens.has(rt)) return send(res, 200, { AccessToken: null, Success: false, Error: 'Request token is invalid or already used' });
			requestTokens.delete(rt);
			if (query.grant_type !== 'api' || query.username !== publicKey || query.password !== sha1hex(rt + privateKey)) {
				return send(res, 200, { AccessToken: null, Success: false, Error: 'Invalid public key or password hash' });
			}
			return issueAccessToken(res);
		}
		if (path === '/oauth/refreshtoken') {
			requests.push({ method, path, query: {}, authorized: false });
			const refresh = String(query.refreshToken ?? '');
			if (!refreshTokens.has(refresh)) return send(res, 200, { AccessToken: null, Success: false, Error: 'Refresh token is invalid' });
			refreshTokens.delete(refresh);
			return issueAccessToken(res);
		}

		// ---- API calls ----
		const safeQuery = { ...query };
		delete safeQuery.oauth_token;
		const authorized = tokenState(query.oauth_token) === 'ok';
		requests.push({ method, path, query: safeQuery, form, authorized });
		if (!authorized) {
			const body = { ...envelope(null, 401, 'Access token is invalid or expired'), Success: false };
			return send(res, options.expiredTokenAnswer === 'envelope' ? 200 : 401, body);
		}
		if (expireCountdown !== undefined) {
			expireCountdown--;
			if (expireCountdown <= 0) {
				expireCountdown = undefined;
				for (const state of accessTokens.values()) state.valid = false;
			}
		}
		const notFound = (what: string) => send(res, 404, envelope(null, 404, `${what} not found`));
		const segments = path.split('/').filter(Boolean);

		if (method === 'GET' && path === '/orders') {
			let list = [...orders.values()].filter((o) => o.Status !== 'Deleted');
			if (query.status) list = list.filter((o) => String(o.Status).toLowerCase() === String(query.status).toLowerCase() || String(STATUS_NAMES.indexOf(String(o.Status))) === query.status);
			if (query.userId) list = list.filter((o) => String(o.UserId) === String(query.userId));
			if (query.shippingId) list = list.filter((o) => String((o.Shipping as Raw | null)?.Id) === String(query.shippingId));
			list.sort((a, b) => parseMsDate(b.DateCreated) - parseMsDate(a.DateCreated) || Number(b.Id) - Number(a.Id));
			const skip = Math.max(0, Number(query.skip ?? 0) || 0);
			const take = Math.max(0, Number(query.take ?? 50) || 50);
			return send(res, 200, envelope(list.slice(skip, skip + take)));
		}
		if (method === 'GET' && path === '/orders/count') {
			const statuses = ([] as string[]).concat(query.statuses ?? []).map((s) => s.toLowerCase());
			const count = [...orders.values()].filter((o) => o.Status !== 'Deleted' && (statuses.length === 0 || statuses.includes(String(o.Status).toLowerCase()))).length;
			return send(res, 200, envelope([{ count }]));
		}
		if (segments[0] === 'orders' && segments.length >= 2) {
			const id = Number(segments[1]);
			const order = orders.get(id);
			if (!order || order.Status === 'Deleted') return notFound(`Order ${segments[1]}`);
			if (method === 'GET' && segments.length === 2) return send(res, 200, envelope([order]));
			if (method === 'GET' && segments[2] === 'items') return send(res, 200, envelope(items.get(id) ?? []));
			if (method === 'GET' && segments[2] === 'comments') return send(res, 200, envelope(comments.get(id) ?? []));
			if (method === 'POST' && segments[2] === 'status') {
				const newStatus = form?.newStatus ?? '';
				const sendNotifications = form?.sendNotifications === 'true';
				const previousStatus = String(order.Status);
				if (!STATUS_NAMES.includes(newStatus)) {
					statusChanges.push({ orderId: id, newStatus, sendNotifications, previousStatus, result: 'Error' });
					return send(res, 200, envelope([[{ Type: 'Error', Description: `Unknown status "${newStatus}"`, DateCreated: msDate(Date.now()) }]]));
				}
				const same = previousStatus === newStatus;
				statusChanges.push({ orderId: id, newStatus, sendNotifications, previousStatus, result: same ? 'Warning' : 'Success' });
				if (!same) {
					touchOrder(id, undefined, { Status: newStatus });
					fireStatusWebhooks(id);
				}
				return send(res, 200, envelope([[{ Type: same ? 'Warning' : 'Success', Description: same ? 'The order already has this status' : `Status changed to ${newStatus}`, DateCreated: msDate(Date.now()) }]]));
			}
			if (method === 'POST' && segments[2] === 'comments') {
				const text = form?.comment ?? '';
				if (!text) return send(res, 400, envelope(null, 400, 'Comment is empty'));
				const comment = { Id: nextCommentId++, OrderId: id, Status: 'Published', DateCreated: msDate(Date.now()), BodySource: text, UserCreatedId: 0, UserName: form?.email ?? '', Email: form?.email ?? '' };
				comments.get(id)!.push(comment);
				order.CommentsCount = comments.get(id)!.length;
				return send(res, 200, envelope([comment]));
			}
		}
		if (method === 'GET' && segments[0] === 'users' && segments.length === 2) {
			const user = users.get(Number(segments[1]));
			return user ? send(res, 200, envelope([user])) : notFound(`User ${segments[1]}`);
		}
		return send(res, 404, envelope(null, 404, `No method ${method} ${path}`));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => send(res, 500, envelope(null, 500, error.message)));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

	function webhookPayload(event: WebhookEvent, orderId: number): Raw {
		const order = orders.get(orderId);
		if (!order) throw new Error(`fake pixlpark: no order ${orderId}`);
		const user = users.get(Number(order.UserId)) ?? {};
		const company = (user.CompanyAccount as Raw | null) ?? null;
		const payload: Raw = {};
		for (const [key, value] of Object.entries(order)) payload[key] = isoOf(value);
		payload.StatusDate = isoOf(order.DateModified);
		payload.UserAdditionalInfo = { Name: `${user.FirstName ?? ''} ${user.LastName ?? ''}`.trim(), Email: user.Email ?? null, Phone: user.Phone ?? null };
		payload.UserCompanyAccountINN = company ? company.Inn : null;
		payload.OrderDetails = (items.get(orderId) ?? []).map((it) => ({ Title: it.Name, Quantity: it.Quantity, ItemPartsQuantity: 1, BookTitle: it.Name }));
		if (event === 'comment') {
			const last = (comments.get(orderId) ?? []).slice(-1)[0];
			if (last) payload.Comment = { ...last, DateCreated: isoOf(last.DateCreated) };
		}
		return payload;
	}

	function sendWebhook(target: string, event: WebhookEvent, orderId: number, send: WebhookSendOptions = {}) {
		let address = target;
		if (send.secret !== undefined && !send.header) address += `${address.includes('?') ? '&' : '?'}secret=${encodeURIComponent(send.secret)}`;
		if (send.eventQuery !== false) address += `${address.includes('?') ? '&' : '?'}event=${event}`;
		const body = send.rawBody ?? JSON.stringify(webhookPayload(event, orderId));
		const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Pixlpark-Webhook/1.0' };
		if (send.header && send.secret !== undefined) headers[send.header] = send.secret;
		const target2 = new URL(address);
		const requester = target2.protocol === 'https:' ? httpsRequest : httpRequest;
		return new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = requester(target2, { method: 'POST', headers }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			});
			req.on('error', reject);
			req.end(body);
		});
	}

	const subscriptions: Array<{ url: string; event: WebhookEvent; options: WebhookSendOptions }> = [];
	const deliveries: Array<Promise<unknown>> = [];
	function fireStatusWebhooks(id: number) {
		for (const sub of subscriptions.filter((s) => s.event === 'changed')) {
			// After the API answer, as Pixlpark queues its webhooks; a failed delivery is not retried.
			deliveries.push(new Promise((resolve) => setImmediate(resolve)).then(() => sendWebhook(sub.url, 'changed', id, sub.options)).catch(() => undefined));
		}
	}

	return {
		subscribe: (target: string, event: WebhookEvent, options: WebhookSendOptions = {}) => {
			subscriptions.push({ url: target, event, options });
		},
		setStatusInPanel: (id: number, status: string) => {
			touchOrder(id, undefined, { Status: status });
			fireStatusWebhooks(id);
		},
		flushWebhooks: async () => {
			while (deliveries.length) await Promise.all(deliveries.splice(0));
		},
		url,
		publicKey,
		privateKey,
		orders,
		items,
		users,
		comments,
		statusChanges,
		requests,
		tokensIssued: () => issued,
		expireTokens: () => {
			for (const state of accessTokens.values()) state.valid = false;
		},
		expireTokensAfter: (n: number) => {
			expireCountdown = n;
		},
		addOrder,
		touchOrder,
		now: () => clock,
		webhookPayload,
		sendWebhook,
		credentials: () => ({ apiUrl: url, publicKey, privateKey, accessToken: '', webhookSecret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET }),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/**
 * The fake portal's HTTP side: webhook auth by path, parameters (query + JSON or PHP-form body,
 * body wins), success/error envelopes, injected faults, the leaky bucket and the operating budget.
 *
 * Order of checks for one HTTP request: injected fault -> path -> auth (401) -> bucket (503) ->
 * body parse (400) -> method (404) -> scope (403) -> operating budget (429) -> execute.
 * Malformed JSON bodies: 400 {"error":"INVALID_REQUEST","error_description":"Invalid JSON body: ..."}
 * (the real server rejects an undecodable JSON body with a 400; the exact text differs).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, type MethodContext, type MethodHandler } from './api';
import { runBatch, type CommandOutcome } from './batch';
import { createDb, formatDateTime, type FakeBitrix24Db } from './db';
import { EventHub, type EventDelivery, type OutgoingWebhook, type SendEventOptions } from './events';
import { Clock, LeakyBucket, OperatingBudget, type BucketOptions, type OperatingOptions } from './limits';
import { allMethods } from './methods';
import { isPlainObject, parsePhpQuery, type Params } from './params';

export interface FakeBitrix24Options {
	userId?: string;
	webhookSecret?: string;
	applicationToken?: string;
	bucket?: BucketOptions | false;
	timeScale?: number;
	operatingLimit?: OperatingOptions | false;
	commandCostMs?: number;
	latencyMs?: number;
	scopes?: string[];
	seed?: number;
	/** Fixed port (the sandbox CLI); default 0 = any free port. */
	port?: number;
}

export interface FaultPlan {
	p503?: number;
	p500?: number;
	pReset?: number;
	pLostAnswer?: number;
	p429?: number;
	next503?: number;
	next500?: number;
	nextReset?: number;
	nextLostAnswer?: number;
	/** Error code of injected 503s: QUERY_LIMIT_EXCEEDED (default) or OVERLOAD_LIMIT. */
	code503?: 'QUERY_LIMIT_EXCEEDED' | 'OVERLOAD_LIMIT';
}

export interface FakeBitrix24Stats {
	requests: number;
	commands: number;
	byMethod: Record<string, number>;
	rejected503: number;
	rejected429: number;
	failures500: number;
	resets: number;
	lostAnswers: number;
}

export interface RequestLogEntry {
	at: number;
	method: string;
	commands: number;
	/** HTTP status sent; 0 when the connection was reset or the answer was lost. */
	status: number;
	/** Set when an injected fault decided the outcome. */
	fault?: 'reset' | 'lostAnswer' | '503' | '500' | '429';
}

export interface FakeBitrix24 {
	url: string;
	credentials: { portalUrl: string; userId: string; webhookSecret: string; applicationToken: string; rateLimit: 'standard' };
	db: FakeBitrix24Db;
	stats: FakeBitrix24Stats;
	requestLog: RequestLogEntry[];
	setFaults(plan: FaultPlan): void;
	resetStats(): void;
	close(): Promise<void>;
	/** Outgoing webhook: REST writes then POST ONCRM<ENTITY><ADD|UPDATE|DELETE> to `url` (async). */
	addOutgoingWebhook(url: string, events: string[]): OutgoingWebhook;
	/** POSTs one event to a handler now, as the portal would; resolves with the handler's answer. */
	sendEvent(url: string, event: string, id: number, opts?: SendEventOptions): Promise<EventDelivery>;
	/** Every event delivery attempted (by sendEvent or by REST writes). */
	events: EventDelivery[];
	/** Waits until queued event deliveries have been attempted. */
	flushEvents(): Promise<void>;
}

type Fault = NonNullable<RequestLogEntry['fault']>;

/** mulberry32: small deterministic RNG for probabilistic faults. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function emptyStats(): FakeBitrix24Stats {
	return { requests: 0, commands: 0, byMethod: {}, rejected503: 0, rejected429: 0, failures500: 0, resets: 0, lostAnswers: 0 };
}

function scopeOf(method: string): string | null {
	if (method.startsWith('crm.')) return 'crm';
	if (method.startsWith('user.')) return 'user';
	return null;
}

const PATH = /^\/rest\/([^/]+)\/([^/]+)\/([^/]+?)(?:\.json)?\/?$/;
const MAX_BODY = 20 * 1024 * 1024;

export async function startFakeBitrix24(options: FakeBitrix24Options = {}): Promise<FakeBitrix24> {
	const userId = options.userId ?? '1';
	const secret = options.webhookSecret ?? 'fakeWebhookSecret0123456789';
	const appToken = options.applicationToken ?? 'fakeAppToken0123456789';
	const scopes = options.scopes ?? ['crm', 'user'];
	const costMs = options.commandCostMs ?? 5;
	const clock = new Clock(options.timeScale ?? 1);
	const bucketOpts = options.bucket === undefined ? { capacity: 50, drainPerSecond: 2 } : options.bucket;
	const bucket = bucketOpts ? new LeakyBucket(bucketOpts, clock) : null;
	const budget = new OperatingBudget(options.operatingLimit ?? false, clock);
	const random = rng(options.seed ?? 1);
	const methods: Record<string, MethodHandler> = allMethods(scopes);
	const db = createDb();
	let faults: FaultPlan = {};
	const counters = { next503: 0, next500: 0, nextReset: 0, nextLostAnswer: 0 };

	const fake = {
		url: '',
		db,
		stats: emptyStats(),
		requestLog: [] as RequestLogEntry[],
	} as FakeBitrix24;
	const hub = new EventHub(() => fake.url, appToken);
	const ctx: MethodContext = { db, userId, now: () => new Date(), emit: (event, id) => hub.emit(event, id) };
	fake.events = hub.deliveries;
	fake.addOutgoingWebhook = (url, events) => hub.add(url, events);
	fake.sendEvent = (url, event, id, opts) => hub.send(url, event, id, opts);
	fake.flushEvents = () => hub.flush();

	const timeOf = (startMs: number, method: string): Record<string, unknown> => {
		const finish = Date.now();
		return {
			start: startMs / 1000,
			finish: finish / 1000,
			duration: (finish - startMs) / 1000,
			processing: (finish - startMs) / 1000,
			date_start: formatDateTime(new Date(startMs)),
			date_finish: formatDateTime(new Date(finish)),
			operating_reset_at: budget.resetAt(method),
			operating: budget.used(method),
		};
	};

	const limitError = (method: string, startMs: number): Extract<CommandOutcome, { ok: false }> => ({
		ok: false,
		status: 429,
		error: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
		time: timeOf(startMs, method),
	});

	/** Runs one method (alone or inside a batch). */
	const runCommand = (method: string, params: Params): CommandOutcome => {
		const startMs = Date.now();
		const handler = Object.prototype.hasOwnProperty.call(methods, method) ? methods[method] : undefined;
		if (!handler) {
			return { ok: false, status: 404, error: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } };
		}
		const scope = scopeOf(method);
		if (scope && !scopes.includes(scope)) {
			return {
				ok: false,
				status: 403,
				error: {
					error: 'insufficient_scope',
					error_description: 'The request requires higher privileges than provided by the webhook token',
				},
			};
		}
		if (budget.blocked(method)) {
			fake.stats.rejected429 += 1;
			return limitError(method, startMs);
		}
		fake.stats.commands += 1;
		fake.stats.byMethod[method] = (fake.stats.byMethod[method] ?? 0) + 1;
		budget.charge(method, costMs);
		try {
			const r = handler(params, ctx);
			return { ok: true, result: r.result, total: r.total, next: r.next, time: timeOf(startMs, method) };
		} catch (e) {
			if (e instanceof ApiError) {
				return { ok: false, status: e.status, error: { error: e.code, error_description: e.description }, time: timeOf(startMs, method) };
			}
			return {
				ok: false,
				status: 500,
				error: { error: 'INTERNAL_SERVER_ERROR', error_description: `Internal server error: ${(e as Error).message}` },
			};
		}
	};

	const pickFault = (): Fault | null => {
		if (counters.nextReset > 0) return counters.nextReset--, 'reset';
		if (counters.nextLostAnswer > 0) return counters.nextLostAnswer--, 'lostAnswer';
		if (counters.next503 > 0) return counters.next503--, '503';
		if (counters.next500 > 0) return counters.next500--, '500';
		const draws: Array<[number | undefined, Fault]> = [
			[faults.pReset, 'reset'],
			[faults.pLostAnswer, 'lostAnswer'],
			[faults.p503, '503'],
			[faults.p500, '500'],
			[faults.p429, '429'],
		];
		for (const [p, f] of draws) if (p && random() < p) return f;
		return null;
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> => {
		const at = Date.now();
		fake.stats.requests += 1;
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const m = PATH.exec(url.pathname);
		const method = m ? decodeURIComponent(m[3]).toLowerCase() : url.pathname;
		const entry: RequestLogEntry = { at, method, commands: 0, status: 0 };
		fake.requestLog.push(entry);
		const send = async (status: number, payload: unknown): Promise<void> => {
			if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
			entry.status = status;
			if (entry.fault === 'lostAnswer') {
				entry.status = 0;
				res.socket?.destroy();
				return;
			}
			const text = JSON.stringify(payload);
			res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
			res.end(text);
		};
		const fail = (status: number, error: string, description: string, extra: Record<string, unknown> = {}) =>
			send(status, { error, error_description: description, ...extra });

		const fault = pickFault();
		if (fault) entry.fault = fault;
		if (fault === 'reset') {
			fake.stats.resets += 1;
			req.socket.destroy();
			return;
		}
		if (fault === '503') {
			fake.stats.rejected503 += 1;
			if (faults.code503 === 'OVERLOAD_LIMIT') return fail(503, 'OVERLOAD_LIMIT', 'REST API is blocked due to overload.');
			return fail(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
		}
		if (fault === '500') {
			fake.stats.failures500 += 1;
			return fail(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
		}
		if (fault === '429') {
			fake.stats.rejected429 += 1;
			// An injected 429 asks to wait one (scaled) second.
			const time = { ...timeOf(at, method), operating_reset_at: Math.ceil(clock.wallSecondsAt(clock.now() + 1000)) };
			return send(429, { ...limitError(method, at).error, time });
		}
		if (fault === 'lostAnswer') fake.stats.lostAnswers += 1;

		if (!m) {
			entry.status = 404;
			if (fault === 'lostAnswer') return void res.socket?.destroy();
			res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end('<html><body><h1>404 Not Found</h1></body></html>');
			return;
		}
		if (decodeURIComponent(m[1]) !== userId || decodeURIComponent(m[2]) !== secret) {
			return fail(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
		}
		if (bucket && !bucket.take()) {
			fake.stats.rejected503 += 1;
			return fail(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
		}
		let params: Params = parsePhpQuery(url.search.slice(1));
		if (body.length > 0) {
			const type = String(req.headers['content-type'] ?? '').toLowerCase();
			let fromBody: unknown = {};
			if (type.includes('json')) {
				try {
					fromBody = JSON.parse(body.toString('utf8'));
				} catch (e) {
					return fail(400, 'INVALID_REQUEST', `Invalid JSON body: ${(e as Error).message}`);
				}
			} else {
				fromBody = parsePhpQuery(body.toString('utf8'));
			}
			if (isPlainObject(fromBody)) params = { ...params, ...fromBody };
		}

		if (method === 'batch') {
			fake.stats.byMethod.batch = (fake.stats.byMethod.batch ?? 0) + 1;
			const before = fake.stats.commands;
			try {
				const r = runBatch(params, runCommand);
				entry.commands = fake.stats.commands - before;
				return send(200, { result: r.result, time: timeOf(at, 'batch') });
			} catch (e) {
				const err = e as ApiError;
				return fail(err.status ?? 500, err.code ?? 'INTERNAL_SERVER_ERROR', err.description ?? String(e));
			}
		}
		const before = fake.stats.commands;
		const out = runCommand(method, params);
		entry.commands = fake.stats.commands - before;
		if (!out.ok) {
			return send(out.status, out.status === 429 ? { ...out.error, time: out.time } : out.error);
		}
		return send(200, {
			result: out.result,
			...(out.total !== undefined ? { total: out.total } : {}),
			...(out.next !== undefined ? { next: out.next } : {}),
			time: out.time,
		});
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY) {
				req.socket.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ error: 'INTERNAL_SERVER_ERROR', error_description: String(e) }));
				}
			});
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	fake.url = `http://127.0.0.1:${port}`;
	fake.credentials = { portalUrl: fake.url, userId, webhookSecret: secret, applicationToken: appToken, rateLimit: 'standard' };
	fake.setFaults = (plan: FaultPlan) => {
		faults = { ...plan };
		counters.next503 = plan.next503 ?? 0;
		counters.next500 = plan.next500 ?? 0;
		counters.nextReset = plan.nextReset ?? 0;
		counters.nextLostAnswer = plan.nextLostAnswer ?? 0;
	};
	fake.resetStats = () => {
		Object.assign(fake.stats, emptyStats());
		fake.requestLog.length = 0;
	};
	fake.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return fake;
}

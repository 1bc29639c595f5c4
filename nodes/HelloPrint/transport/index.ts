/**
 * The only code that speaks HTTP to HelloPrint. Paths, envelopes and field names come from
 * `contract.ts`; this file adds authentication (the credential's `authenticate` block), retries
 * and error translation.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';

import { redactDeep, redactSecrets } from '../../shared/redact';
import type { RetryPolicy } from '../../shared/retry';
import { withRetry } from '../../shared/retry';
import type { CreatedRequestOrder, ListEntry, ListName, RequestOrderPayload, Template } from './contract';
import {
	apiBase,
	errorText,
	IDEMPOTENCY_HEADER,
	LIST_PATHS,
	PER_PAGE,
	readData,
	readListPage,
	REPLAYED_HEADER,
	REQUEST_ORDERS_PATH,
	templatePath,
} from './contract';
import { HelloPrintError } from './errors';

export const CREDENTIAL_NAME = 'helloPrintApi';

export type HelloPrintContext = IExecuteFunctions | ILoadOptionsFunctions;

export const HELLOPRINT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxTotalWaitMs: 60_000 };

const REQUEST_TIMEOUT_MS = 60_000;
const MAX_PAGES = 1_000;
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const REJECTED_STATUSES = new Set([429, 503]);
const AMBIGUOUS_STATUSES = new Set([502, 504]);

export interface HelloPrintConnection {
	/** `https://shop.helloprint.ru/api/v3` */
	base: string;
	/** The host name alone, for messages. */
	host: string;
	secrets: string[];
}

/**
 * When a call may be sent again:
 * - read: GET; every retryable failure is retried;
 * - keyed: a write carrying an idempotency key; as a read;
 * - write: any other write; only refusals that prove nothing ran (429, 503, unreachable).
 */
export type RetryMode = 'read' | 'keyed' | 'write';

export interface HelloPrintCall {
	method: IHttpRequestMethods;
	/** Relative to `/api/v3`, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	retry: RetryMode;
}

export interface HelloPrintAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	/** True when an earlier attempt of this call may have been carried out (its answer was lost). */
	afterAmbiguous: boolean;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string | string[] | undefined>;
}

export async function connect(ctx: HelloPrintContext): Promise<HelloPrintConnection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const base = apiBase(credentials.apiHost);
	const secrets = [credentials.apiKey].filter((s): s is string => typeof s === 'string' && s.length > 0);
	if (!base) {
		throw new HelloPrintError('failed', 'HelloPrint', 'credential', 'the credential\'s "Api Host" is not an address such as https://shop.helloprint.ru');
	}
	return { base, host: new URL(base).host, secrets };
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	if (!body.trim()) return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

function header(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** n8n wraps network failures; the code sits on the error or its cause. */
function networkCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const e = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
		if (typeof e.message === 'string') {
			const match = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ESOCKETTIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED|EHOSTUNREACH|ENETUNREACH)\b/.exec(e.message);
			if (match) return match[1];
			if (/socket hang up/i.test(e.message)) return 'ECONNRESET';
			if (/timeout/i.test(e.message)) return 'ETIMEDOUT';
		}
		current = e.cause;
	}
	return 'NETWORK_ERROR';
}

function callName(call: HelloPrintCall): string {
	return `${call.method} ${call.path}`;
}

function failureOf(conn: HelloPrintConnection, call: HelloPrintCall, response: FullResponse): HelloPrintError {
	const status = response.statusCode;
	const body = redactDeep(parseBody(response.body), conn.secrets);
	const text = redactSecrets(errorText(body) ?? (typeof body === 'string' && body.length < 300 ? body.trim() : '') ?? '', conn.secrets);
	const detail = `HTTP ${status}${text ? ` - ${text}` : ''}`;
	const jsonBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as JsonObject) : undefined;
	if (REJECTED_STATUSES.has(status)) {
		return new HelloPrintError('rejected', conn.host, callName(call), detail, status, retryAfterMs(header(response.headers, 'retry-after')), jsonBody);
	}
	if (AMBIGUOUS_STATUSES.has(status)) return new HelloPrintError('ambiguous', conn.host, callName(call), detail, status, undefined, jsonBody);
	return new HelloPrintError('failed', conn.host, callName(call), detail, status, undefined, jsonBody);
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection reset',
	ECONNABORTED: 'connection aborted',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
};

function networkError(conn: HelloPrintConnection, call: HelloPrintCall, code: string): HelloPrintError {
	const words = NETWORK_WORDS[code] ?? 'network error';
	if (NOT_SENT_CODES.has(code)) return new HelloPrintError('rejected', conn.host, callName(call), `cannot reach ${conn.host} (${words})`);
	return new HelloPrintError('ambiguous', conn.host, callName(call), `the connection to ${conn.host} broke before the answer arrived (${words})`);
}

/** Sends one call with the credential; retries per `call.retry`; throws HelloPrintError. */
export async function helloPrintRequest(ctx: HelloPrintContext, conn: HelloPrintConnection, call: HelloPrintCall): Promise<HelloPrintAnswer> {
	let unreachable = 0;
	let afterAmbiguous = false;
	return await withRetry(
		async () => {
			const options: IHttpRequestOptions = {
				method: call.method,
				url: `${conn.base}${call.path}`,
				qs: call.qs,
				body: call.body,
				headers: { Accept: 'application/json', ...(call.headers ?? {}) },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: REQUEST_TIMEOUT_MS,
			};
			let response: FullResponse | undefined;
			let networkFailure: string | undefined;
			try {
				response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options)) as FullResponse;
			} catch (error) {
				networkFailure = networkCode(error);
			}
			if (!response || networkFailure) throw networkError(conn, call, networkFailure ?? 'NETWORK_ERROR');
			if (response.statusCode >= 200 && response.statusCode < 300) {
				return { statusCode: response.statusCode, body: parseBody(response.body), headers: response.headers ?? {}, afterAmbiguous };
			}
			throw failureOf(conn, call, response);
		},
		(error) => {
			if (!(error instanceof HelloPrintError)) return { retry: false };
			if (error.kind === 'rejected') {
				if (error.httpCode === undefined && ++unreachable > 2) return { retry: false };
				return { retry: true, waitMs: error.waitMs };
			}
			if (error.kind === 'ambiguous' && call.retry !== 'write') {
				afterAmbiguous = true;
				return { retry: true };
			}
			return { retry: false };
		},
		HELLOPRINT_RETRY,
	);
}

function invalidAnswer(conn: HelloPrintConnection, call: string, what: string): HelloPrintError {
	return new HelloPrintError('failed', conn.host, call, `the answer is not ${what} (see the README, "HelloPrint -> Contract")`);
}

/** Reads a whole list, page by page, up to `limit` entries (all when undefined). */
export async function getList(ctx: HelloPrintContext, conn: HelloPrintConnection, list: ListName, limit?: number): Promise<ListEntry[]> {
	const entries: ListEntry[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const perPage = limit === undefined ? PER_PAGE : Math.min(PER_PAGE, Math.max(1, limit - entries.length));
		const call: HelloPrintCall = { method: 'GET', path: LIST_PATHS[list], qs: { page, per_page: perPage }, retry: 'read' };
		const answer = await helloPrintRequest(ctx, conn, call);
		const parsed = readListPage(answer.body);
		if (!parsed) throw invalidAnswer(conn, callName(call), 'a list ({ data: [...] })');
		entries.push(...parsed.data);
		if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		const lastPage = Number(parsed.meta?.last_page ?? page);
		if (!parsed.meta || !Number.isFinite(lastPage) || page >= lastPage || parsed.data.length === 0) break;
	}
	return entries;
}

export async function getTemplate(ctx: HelloPrintContext, conn: HelloPrintConnection, id: string): Promise<Template> {
	const call: HelloPrintCall = { method: 'GET', path: templatePath(id), retry: 'read' };
	const answer = await helloPrintRequest(ctx, conn, call);
	const template = readData<Template>(answer.body);
	if (!template || template.id === undefined) throw invalidAnswer(conn, callName(call), 'a template ({ data: { id, name, parameters } })');
	if (!Array.isArray(template.parameters)) template.parameters = [];
	return template;
}

export interface CreateResult {
	request: CreatedRequestOrder;
	/**
	 * False when HelloPrint already had a request with this idempotency key from an earlier run.
	 * A replay answering our own retry after a lost answer counts as created by this call.
	 */
	created: boolean;
}

/**
 * Creates a request ("заявка"). The idempotency key makes every resend safe: a retry after a
 * lost answer, or a second run for the same order, returns the request created the first time.
 */
export async function createRequestOrder(
	ctx: HelloPrintContext,
	conn: HelloPrintConnection,
	payload: RequestOrderPayload,
	idempotencyKey: string,
): Promise<CreateResult> {
	const call: HelloPrintCall = {
		method: 'POST',
		path: REQUEST_ORDERS_PATH,
		body: payload,
		headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
		retry: 'keyed',
	};
	const answer = await helloPrintRequest(ctx, conn, call);
	const request = readData<CreatedRequestOrder>(answer.body);
	if (!request || request.id === undefined) throw invalidAnswer(conn, callName(call), 'a created request ({ data: { id, link } })');
	const replayed = String(header(answer.headers, REPLAYED_HEADER) ?? '').toLowerCase() === 'true';
	return { request, created: !replayed || answer.afterAmbiguous };
}

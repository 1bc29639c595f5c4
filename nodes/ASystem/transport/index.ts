/**
 * The only code that speaks HTTP to ASystem. Paths and shapes come from `contract.ts`; here:
 * the Api Host normalisation (port 3000 when none is given), the key (sent by the credential's
 * `authenticate` block), retries, and errors that name ASystem's code and message, never the key.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { redactSecrets } from '../../shared/redact';
import type { RetryPolicy, RetryVerdict } from '../../shared/retry';
import { DEFAULT_RETRY, withRetry } from '../../shared/retry';
import { ContractError, DEFAULT_PORT, DEFAULT_SCHEME, readError } from './contract';

export const CREDENTIAL_NAME = 'aSystemApi';

export type ASystemContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * `10.0.0.5` -> `https://10.0.0.5:3000`; `https://host` -> `https://host:3000`;
 * `https://host:8443/` -> `https://host:8443`; a path after the host is kept.
 */
export function normalizeApiHost(raw: string): string {
	let host = String(raw ?? '').trim().replace(/\/+$/, '');
	if (host === '') return host;
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) host = `${DEFAULT_SCHEME}://${host}`;
	const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(host);
	if (!match) return host;
	const [, scheme, authority, rest] = match;
	const hostPart = authority.replace(/^[^@]*@/, '');
	const hasPort = hostPart.startsWith('[') ? /\]:\d+$/.test(hostPart) : /:\d+$/.test(hostPart);
	return `${scheme}${hasPort ? authority : `${authority}:${DEFAULT_PORT}`}${rest}`;
}

/** How a request may be repeated after a failure. */
export type RetryMode =
	/** Safe to resend after any transient failure (reads, and writes carrying an idempotency key). */
	| 'always'
	/** Resend only when ASystem said it did not process the request (429, 503). */
	| 'notProcessed';

export interface ASystemRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	retry: RetryMode;
	/** For messages: the input item the request belongs to. */
	itemIndex?: number;
	/** Tests shorten the waits; nodes use the default. */
	policy?: RetryPolicy;
}

const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
const NOT_PROCESSED_STATUS = new Set([429, 503]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** An answer with a 4xx/5xx status. */
class StatusFailure extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly retryAfterMs: number | undefined,
	) {
		super(`status ${status}`);
	}
}

/** Finds a Node.js network error code (ECONNRESET...) anywhere in the wrapped error chain. */
function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof e.code === 'string' && (RESET_CODES.has(e.code) || UNREACHABLE_CODES.has(e.code))) return e.code;
		if (typeof e.message === 'string') {
			if (/socket hang up/i.test(e.message)) return 'ECONNRESET';
			const inMessage = /\b(E[A-Z_]{4,})\b/.exec(e.message);
			if (inMessage && (RESET_CODES.has(inMessage[1]) || UNREACHABLE_CODES.has(inMessage[1]))) return inMessage[1];
		}
		current = e.cause;
	}
	return undefined;
}

function retryAfter(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function classify(mode: RetryMode): (error: unknown) => RetryVerdict {
	return (error) => {
		if (error instanceof StatusFailure) {
			const allowed = mode === 'always' ? TRANSIENT_STATUS : NOT_PROCESSED_STATUS;
			return allowed.has(error.status) ? { retry: true, waitMs: error.retryAfterMs } : { retry: false };
		}
		const code = networkCode(error);
		if (code && RESET_CODES.has(code)) return mode === 'always' ? { retry: true } : { retry: false };
		return { retry: false };
	};
}

function hintFor(status: number): string | undefined {
	if (status === 401 || status === 403) return 'Check "Api Key" in the ASystem API credential: ASystem refused it.';
	if (status === 404) return 'ASystem does not know this path or object: check the template ID, or the path of the "Any Endpoint" call.';
	if (status === 429 || status >= 500) return 'ASystem is busy or failing. Busy answers (429, 502, 503, 504) were already retried where that is safe; try again later.';
	return undefined;
}

function fail(ctx: ASystemContext, request: ASystemRequest, host: string, secrets: string[], error: unknown): never {
	const prefix = request.itemIndex === undefined ? '' : `Item ${request.itemIndex}: `;
	const where = `${request.method} ${request.path}`;
	const clean = (text: string) => redactSecrets(text, secrets);
	if (error instanceof StatusFailure) {
		const apiError = readError(error.body);
		const code = apiError?.code ?? `HTTP_${error.status}`;
		const text = apiError?.message || (typeof error.body === 'string' ? error.body.slice(0, 300) : 'no error message');
		const message = clean(`${prefix}ASystem answered ${error.status} ${code} to ${where}: ${text}`);
		throw new NodeApiError(ctx.getNode(), { code, message } as JsonObject, {
			message,
			description: hintFor(error.status),
			httpCode: String(error.status),
			itemIndex: request.itemIndex,
		});
	}
	const code = networkCode(error);
	if (code) {
		const unreachable = UNREACHABLE_CODES.has(code);
		const what = unreachable ? 'cannot connect' : 'the connection broke before ASystem answered';
		const message = clean(`${prefix}Cannot reach ASystem at ${host} (${what}, ${where})`);
		throw new NodeApiError(ctx.getNode(), { code: unreachable ? 'UNREACHABLE' : 'CONNECTION_LOST', message } as JsonObject, {
			message,
			description: clean(
				unreachable
					? `Network error ${code.toLowerCase()}. Check "Api Host" in the ASystem API credential (https://IP:port; port ${DEFAULT_PORT} when none is given) and that the ASystem server is running and reachable from n8n.`
					: `Network error ${code.toLowerCase()}. The request was retried where that is safe.`,
			),
			itemIndex: request.itemIndex,
		});
	}
	const raw = error instanceof Error ? error.message : String(error);
	const message = clean(`${prefix}ASystem request ${where} to ${host} failed: ${raw}`);
	throw new NodeApiError(ctx.getNode(), { code: 'REQUEST_FAILED', message } as JsonObject, { message, itemIndex: request.itemIndex });
}

export async function apiHostOf(ctx: ASystemContext): Promise<{ host: string; credentials: ICredentialDataDecryptedObject }> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	return { host: normalizeApiHost(String(credentials.apiHost ?? '')), credentials };
}

/** Sends one request to ASystem and returns the parsed JSON answer of a 2xx. */
export async function asystemRequest(ctx: ASystemContext, request: ASystemRequest): Promise<unknown> {
	return (await asystemRequestFull(ctx, request)).body;
}

/** As `asystemRequest`, with the status code of the 2xx answer. */
export async function asystemRequestFull(ctx: ASystemContext, request: ASystemRequest): Promise<{ statusCode: number; body: unknown }> {
	const { host, credentials } = await apiHostOf(ctx);
	const secrets = [String(credentials.apiKey ?? '')];
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${host}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		timeout: 60_000,
	};
	try {
		return await withRetry(
			async () => {
				const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options)) as {
					statusCode: number;
					body: unknown;
					headers?: IDataObject;
				};
				if (response.statusCode >= 200 && response.statusCode < 300) return { statusCode: response.statusCode, body: response.body };
				throw new StatusFailure(response.statusCode, response.body, retryAfter(response.headers));
			},
			classify(request.retry),
			request.policy ?? DEFAULT_RETRY,
		);
	} catch (error) {
		fail(ctx, request, host, secrets, error);
	}
}

/** Runs a contract reader; a malformed answer becomes an error naming the call, not a crash. */
export function readAnswer<T>(ctx: ASystemContext, request: Pick<ASystemRequest, 'method' | 'path' | 'itemIndex'>, body: unknown, reader: (body: unknown) => T): T {
	try {
		return reader(body);
	} catch (error) {
		if (!(error instanceof ContractError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: request.itemIndex });
		const prefix = request.itemIndex === undefined ? '' : `Item ${request.itemIndex}: `;
		const message = `${prefix}ASystem's answer to ${request.method} ${request.path} does not match the contract: ${error.message}`;
		throw new NodeApiError(ctx.getNode(), { code: 'UNEXPECTED_ANSWER', message } as JsonObject, {
			message,
			description: 'See the README, "ASystem / PrintEffect" > "JSON contract"; nodes/ASystem/transport/contract.ts is the one place to adapt.',
			itemIndex: request.itemIndex,
		});
	}
}

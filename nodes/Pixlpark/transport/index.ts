import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { RetryPolicy, RetryVerdict } from '../../shared/retry';
import { withRetry } from '../../shared/retry';
import { redactSecrets } from '../../shared/redact';

/**
 * The only code that speaks HTTP to Pixlpark. Every call goes through n8n's
 * `httpRequestWithAuthentication`, so the credential's `preAuthentication` gets the access
 * token and its `authenticate` adds `oauth_token` to the query.
 *
 * A refused token comes back in one of two ways, and both end in one renewal and one resend:
 * - HTTP 401: n8n itself re-runs `preAuthentication` (credentialsExpired) and resends once.
 * - HTTP 200 with an error envelope (`Success:false` or `ResponseCode` 401/403): this transport
 *   resends once with the stored token blanked, which makes n8n run `preAuthentication` again
 *   and store the new token.
 */
export type PixlparkContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export const PIXLPARK_CREDENTIAL = 'pixlparkApi';
const DEFAULT_URL = 'https://api.pixlpark.com';

export interface PixlparkRequest {
	method: IHttpRequestMethods;
	/** Path after the API URL, e.g. `/orders/12/items`. */
	path: string;
	qs?: IDataObject;
	/** Sent as application/x-www-form-urlencoded. */
	form?: Record<string, string>;
	itemIndex?: number;
	/** What the call does, for error messages ("get order 12"). */
	action: string;
}

interface Envelope {
	ApiVersion?: string;
	ResponseCode?: number;
	ErrorMessage?: string | null;
	Result?: unknown;
	Success?: boolean;
}

function isEnvelope(value: unknown): value is Envelope {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && ('ResponseCode' in value || 'Result' in value || 'Success' in value);
}

function tokenRefused(answer: unknown): boolean {
	if (!isEnvelope(answer)) return false;
	if (answer.ResponseCode === 401 || answer.ResponseCode === 403) return true;
	// `Success:false` without another error code: Pixlpark's "start again from a new token".
	return answer.Success === false && (answer.ResponseCode === undefined || answer.ResponseCode === 200);
}

function secretsOf(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	if (!credentials) return [];
	return [credentials.privateKey, credentials.accessToken, credentials.publicKey].filter((s): s is string => typeof s === 'string');
}

function scrub(text: string, secrets: string[]): string {
	return redactSecrets(text, secrets).replace(/(oauth_token|password)=[^&\s"']+/gi, '$1=***');
}

function fail(
	ctx: PixlparkContext,
	request: PixlparkRequest,
	message: string,
	secrets: string[],
	httpCode?: number,
	description?: string,
): never {
	const where = request.itemIndex === undefined ? '' : `Item ${request.itemIndex}: `;
	const text = scrub(`${where}Pixlpark could not ${request.action}: ${message}`, secrets);
	const details = description ? scrub(description, secrets) : undefined;
	const error = new NodeApiError(ctx.getNode(), { message: text, httpCode: httpCode ? String(httpCode) : '' } as JsonObject, {
		message: text,
		description: details,
		httpCode: httpCode ? String(httpCode) : undefined,
		itemIndex: request.itemIndex,
	});
	ownErrors.add(error);
	throw error;
}

/** Errors this transport built itself (already clean): passed on untouched. */
const ownErrors = new WeakSet<object>();

/** The error's HTTP status and the envelope's message, whatever shape n8n wrapped it in. */
function describeError(error: unknown): { status?: number; text: string } {
	const e = error as {
		httpCode?: string;
		message?: string;
		description?: string;
		response?: { status?: number; data?: unknown };
		cause?: { response?: { status?: number; data?: unknown }; message?: string };
		context?: { data?: unknown };
	};
	const response = e.response ?? e.cause?.response;
	const status = response?.status ?? (e.httpCode && /^\d+$/.test(e.httpCode) ? Number(e.httpCode) : undefined);
	const data = response?.data ?? e.context?.data;
	let text = '';
	if (isEnvelope(data) && data.ErrorMessage) text = String(data.ErrorMessage);
	else if (data && typeof data === 'object' && 'Error' in data) text = String((data as IDataObject).Error);
	if (!text) text = String(e.cause?.message ?? e.message ?? 'unknown error');
	return { status, text: text.slice(0, 500) };
}

const PIXLPARK_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 400, maxDelayMs: 5_000, maxTotalWaitMs: 15_000 };
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const BROKEN = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE']);

/**
 * Reads are retried after any passing failure; a write (POST) only when Pixlpark refused it
 * before doing anything (429, 503, no connection), so a status change or comment is never sent twice.
 */
function retryVerdict(error: unknown, method: string): RetryVerdict {
	if (ownErrors.has(error as object)) return { retry: false };
	const { status } = describeError(error);
	const e = error as { code?: string; cause?: { code?: string } };
	const code = String(e.cause?.code ?? e.code ?? '');
	if (status === 429 || status === 503 || NOT_SENT.has(code)) return { retry: true };
	if (method === 'GET' && ((status !== undefined && status >= 500) || BROKEN.has(code))) return { retry: true };
	return { retry: false };
}

/** Sends one call and returns the envelope's `Result` as a list (a single object comes as a one-element list). */
export async function pixlparkRequest(ctx: PixlparkContext, request: PixlparkRequest): Promise<unknown[]> {
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = await ctx.getCredentials<ICredentialDataDecryptedObject>(PIXLPARK_CREDENTIAL);
	} catch {
		fail(ctx, request, 'no Pixlpark API credential is set', []);
	}
	const secrets = secretsOf(credentials);
	const base = String(credentials.apiUrl || DEFAULT_URL).trim().replace(/\/+$/, '');
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${base}${request.path}`,
		qs: request.qs,
		json: true,
	};
	if (request.form) options.body = new URLSearchParams(request.form);

	let answer: unknown;
	try {
		answer = await withRetry(
			async () => await ctx.helpers.httpRequestWithAuthentication.call(ctx, PIXLPARK_CREDENTIAL, { ...options, body: request.form ? new URLSearchParams(request.form) : undefined }),
			(error) => retryVerdict(error, request.method),
			PIXLPARK_RETRY,
		);
		if (tokenRefused(answer)) {
			// The token was refused inside a 200 answer: blank it so n8n renews it, and resend once.
			const id = ctx.getNode().credentials?.[PIXLPARK_CREDENTIAL]?.id ?? '';
			const fresh = await ctx.getCredentials<ICredentialDataDecryptedObject>(PIXLPARK_CREDENTIAL);
			answer = await ctx.helpers.httpRequestWithAuthentication.call(ctx, PIXLPARK_CREDENTIAL, { ...options, body: request.form ? new URLSearchParams(request.form) : undefined }, {
				credentialsDecrypted: { id: id ?? '', name: 'Pixlpark API', type: PIXLPARK_CREDENTIAL, data: { ...fresh, accessToken: '' } },
			});
			if (tokenRefused(answer)) {
				const env = answer as Envelope;
				fail(ctx, request, `the access token was refused again after renewing it (${env.ErrorMessage ?? 'no reason given'})`, secrets, 401);
			}
		}
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a NodeApiError this transport built (already redacted)
		if (ownErrors.has(error as object)) throw error;
		const { status, text } = describeError(error);
		const refresh = await ctx.getCredentials<ICredentialDataDecryptedObject>(PIXLPARK_CREDENTIAL).catch(() => undefined);
		const all = [...secrets, ...secretsOf(refresh)];
		if (/^Pixlpark (refused|could not get)/.test(text)) fail(ctx, request, text, all, 401);
		if (status === 401) fail(ctx, request, `the access token was refused (${text})`, all, 401, 'Check the Public Key and the Private Key of the Pixlpark API credential.');
		if (status === 404) fail(ctx, request, `not found (${text})`, all, 404);
		fail(ctx, request, status ? `HTTP ${status} (${text})` : text, all, status);
	}
	if (!isEnvelope(answer)) {
		if (Array.isArray(answer)) return answer;
		fail(ctx, request, 'the answer is not a Pixlpark API envelope', secrets);
	}
	if (answer.ResponseCode !== undefined && answer.ResponseCode !== 200) {
		fail(ctx, request, `${answer.ErrorMessage ?? 'error'} (ResponseCode ${answer.ResponseCode})`, secrets, answer.ResponseCode);
	}
	const result = answer.Result;
	if (result === undefined || result === null) return [];
	return Array.isArray(result) ? result : [result];
}

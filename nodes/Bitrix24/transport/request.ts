import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { redactSecrets } from '../../shared/redact';
import type { RetryPolicy } from '../../shared/retry';
import { withRetry } from '../../shared/retry';
import { Bitrix24RequestError } from './errors';
import { acquireSlot, markBucketFull } from './limiter';
import type { Bitrix24Portal } from './portal';

export interface Bitrix24Envelope {
	result?: unknown;
	total?: number;
	next?: number;
	time?: IDataObject;
	error?: string;
	error_description?: string;
}

export type HttpSender = (options: IHttpRequestOptions) => Promise<unknown>;

export const RATE_LIMIT_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 500, maxDelayMs: 30_000, maxTotalWaitMs: 180_000 };

const REQUEST_TIMEOUT_MS = 60_000;
const NETWORK_NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function parseBody(body: unknown): Bitrix24Envelope | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as Bitrix24Envelope;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' ? (parsed as Bitrix24Envelope) : undefined;
	} catch {
		return undefined;
	}
}

function classifyHttp(portal: Bitrix24Portal, method: string, response: FullResponse): Bitrix24RequestError {
	const envelope = parseBody(response.body);
	const code = String(envelope?.error ?? '');
	const description = redactSecrets(String(envelope?.error_description ?? (envelope ? '' : `HTTP ${response.statusCode}`)), portal.secrets);
	const status = response.statusCode;
	if (status === 503 && (code === 'QUERY_LIMIT_EXCEEDED' || code === 'OVERLOAD_LIMIT' || code === '')) {
		return new Bitrix24RequestError('rejected', portal.host, method, code || 'SERVICE_UNAVAILABLE', description, status);
	}
	if (status === 429 || code === 'OPERATION_TIME_LIMIT') {
		const resetAt = Number(envelope?.time?.operating_reset_at);
		const waitMs = Number.isFinite(resetAt) && resetAt > 0 ? Math.max(0, resetAt * 1000 - Date.now()) + 250 : undefined;
		return new Bitrix24RequestError('rejected', portal.host, method, code || 'OPERATION_TIME_LIMIT', description, status, waitMs);
	}
	if (status >= 500) return new Bitrix24RequestError('ambiguous', portal.host, method, code || 'INTERNAL_SERVER_ERROR', description, status);
	return new Bitrix24RequestError('failed', portal.host, method, code, description || `HTTP ${status}`, status);
}

/** Network failures get our own codes: n8n rewrites messages that carry the raw ECONN* names. */
function classifyNetwork(portal: Bitrix24Portal, method: string, error: { code?: string; message?: string }): Bitrix24RequestError {
	const code = String(error.code ?? '');
	if (NETWORK_NOT_SENT.has(code)) {
		return new Bitrix24RequestError('rejected', portal.host, method, 'PORTAL_UNREACHABLE', `Cannot reach the portal ${portal.host}; check the Portal URL and the network`);
	}
	const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(String(error.message ?? ''));
	return new Bitrix24RequestError(
		'ambiguous',
		portal.host,
		method,
		timedOut ? 'ANSWER_TIMEOUT' : 'ANSWER_LOST',
		`The connection to ${portal.host} broke before the answer arrived; the request may or may not have been carried out`,
	);
}

/**
 * Sends one REST call: POST JSON to `{portal}/rest/{user}/{code}/{method}.json`, paced by the
 * limiter. Rate-limit refusals are waited out; failures after which the call may have run are
 * retried only when `idempotent` (reads); otherwise they surface as `ambiguous`.
 */
export async function sendRequest(
	send: HttpSender,
	portal: Bitrix24Portal,
	method: string,
	params: IDataObject,
	idempotent: boolean,
): Promise<Bitrix24Envelope> {
	let attemptsOnUnreachable = 0;
	return await withRetry(
		async () => {
			await acquireSlot(portal.restBase, portal.limits);
			let response: FullResponse;
			try {
				response = (await send({
					method: 'POST',
					url: `${portal.restBase}/${method}.json`,
					body: params,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: REQUEST_TIMEOUT_MS,
				})) as FullResponse;
			} catch (error) {
				throw classifyNetwork(portal, method, error as { code?: string });
			}
			if (response.statusCode >= 200 && response.statusCode < 300) {
				const envelope = parseBody(response.body);
				if (!envelope) throw new Bitrix24RequestError('failed', portal.host, method, 'INVALID_RESPONSE', 'The portal answered with something that is not JSON');
				return envelope;
			}
			const failure = classifyHttp(portal, method, response);
			if (failure.code === 'QUERY_LIMIT_EXCEEDED') markBucketFull(portal.restBase, portal.limits);
			throw failure;
		},
		(error) => {
			if (!(error instanceof Bitrix24RequestError)) return { retry: false };
			if (error.kind === 'rejected') {
				if (error.httpCode === undefined && ++attemptsOnUnreachable > 2) return { retry: false };
				return { retry: true, waitMs: error.waitMs };
			}
			if (error.kind === 'ambiguous' && idempotent) return { retry: true };
			return { retry: false };
		},
		RATE_LIMIT_RETRY,
	);
}

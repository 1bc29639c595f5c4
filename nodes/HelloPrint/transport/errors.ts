import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * How sure we are about a failed call:
 * - rejected: HelloPrint did not run it (429, 503, unreachable): safe to send again;
 * - ambiguous: it may have run (502, 504, a reset or a lost answer): only reads and keyed
 *   request creations are sent again;
 * - failed: HelloPrint answered with an error that sending again will not change.
 */
export type FailureKind = 'rejected' | 'ambiguous' | 'failed';

export class HelloPrintError extends Error {
	constructor(
		readonly kind: FailureKind,
		readonly host: string,
		readonly call: string,
		readonly detail: string,
		readonly httpCode?: number,
		readonly waitMs?: number,
		readonly body?: JsonObject,
	) {
		super(`HelloPrint ${host}, ${call}: ${detail}`);
	}
}

export const UNAUTHORIZED_MESSAGE = 'HelloPrint refused the API key';

function hintFor(error: HelloPrintError): string | undefined {
	if (error.httpCode === 401) return 'Check "Api Key" in the HelloPrint API credential: it is the token HelloPrint issued for this shop.';
	if (error.httpCode === 403) return 'The API key is valid but may not do this in HelloPrint; ask HelloPrint to extend its rights.';
	if (error.httpCode === 404) return 'Check "Api Host" in the credential (the address HelloPrint issued for the integration) and the id or path used.';
	if (error.httpCode === 422) return 'HelloPrint rejected the data; the message names the field.';
	if (error.kind === 'ambiguous') return 'HelloPrint did not confirm the call; it may or may not have been carried out.';
	if (error.kind === 'rejected') return 'HelloPrint kept refusing the call (busy or unreachable); try again later.';
	return undefined;
}

/** Turns a transport error into the NodeApiError n8n shows: host, call and HelloPrint's message, never the key. */
export function toNodeApiError(node: INode, error: HelloPrintError, itemIndex?: number): NodeApiError {
	const message = error.httpCode === 401 ? `${UNAUTHORIZED_MESSAGE} (${error.host})` : error.message;
	const body: JsonObject = { message: error.detail, call: error.call, host: error.host, ...(error.body ?? {}) };
	const apiError = new NodeApiError(node, body, {
		message,
		description: hintFor(error) ?? error.detail,
		httpCode: error.httpCode === undefined ? undefined : String(error.httpCode),
		itemIndex,
	});
	// NodeApiError swaps a message mentioning a Node.js error code for a generic text; keep ours.
	apiError.message = message;
	return apiError;
}

import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * How sure we are about a failed request:
 * - rejected: the portal refused it before running anything (safe to send again);
 * - ambiguous: it may have run (a lost answer, a 500, a reset): writes must not be resent blindly;
 * - failed: the portal answered with an error that sending again will not change.
 */
export type FailureKind = 'rejected' | 'ambiguous' | 'failed';

export class Bitrix24RequestError extends Error {
	constructor(
		readonly kind: FailureKind,
		readonly host: string,
		readonly method: string,
		readonly code: string,
		readonly description: string,
		readonly httpCode?: number,
		readonly waitMs?: number,
	) {
		super(`Bitrix24 ${host}, ${method}: ${code || 'error'}${description ? ` - ${description}` : ''}`);
	}
}

const HINTS: Record<string, string> = {
	NO_AUTH_FOUND: 'The incoming webhook code or the employee ID in the credential is wrong, or the webhook was deleted.',
	expired_token: 'The webhook is no longer valid; create a new incoming webhook in Bitrix24.',
	insufficient_scope: 'The incoming webhook lacks a right this operation needs: edit it in Bitrix24 and tick "CRM" (and "Users" for the responsible list).',
	ACCESS_DENIED: 'The employee who created the webhook may not do this in Bitrix24.',
	ERROR_METHOD_NOT_FOUND: 'Bitrix24 has no such REST method (check its spelling) or the webhook lacks the right for it.',
	QUERY_LIMIT_EXCEEDED: 'The portal kept refusing requests for exceeding its rate limit; check the plan limit in the credential or other apps using the portal.',
	OPERATION_TIME_LIMIT: 'The method used up its execution-time budget on the portal; try again in ten minutes.',
	ERROR_BATCH_LENGTH_EXCEEDED: 'A batch may hold at most 50 commands.',
};

/** Turns a transport error into the NodeApiError n8n shows: portal and method, never the URL. */
export function toNodeApiError(node: INode, error: Bitrix24RequestError, itemIndex?: number): NodeApiError {
	const hint =
		HINTS[error.code] ??
		(error.kind === 'ambiguous'
			? 'The portal did not confirm the request; it may or may not have been carried out.'
			: undefined);
	const body: JsonObject = { error: error.code, error_description: error.description, method: error.method, portal: error.host };
	return new NodeApiError(node, body, {
		message: itemIndex === undefined ? error.message : `Item ${itemIndex}: ${error.message}`,
		description: hint ?? error.description,
		httpCode: error.httpCode === undefined ? undefined : String(error.httpCode),
		itemIndex,
	});
}

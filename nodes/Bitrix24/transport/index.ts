import type { IDataObject, IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

import type { BatchCommand, BatchSender, CommandOutcome } from './batch';
import { isReadMethod, runBatch } from './batch';
import { Bitrix24RequestError, toNodeApiError } from './errors';
import type { ListOptions } from './paginate';
import { listAll } from './paginate';
import type { Bitrix24Portal } from './portal';
import { readPortal } from './portal';
import type { Bitrix24Envelope, HttpSender } from './request';
import { sendRequest } from './request';

export type { BatchCommand, CommandOutcome } from './batch';
export { Bitrix24RequestError, toNodeApiError } from './errors';

export type Bitrix24Context = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions | IHookFunctions;

export const BITRIX24_CREDENTIAL = 'bitrix24WebhookApi';

/**
 * The only code that talks to a Bitrix24 portal. `call` and `list` throw NodeApiError naming the
 * portal and method (never the webhook URL); `batch` returns each command's outcome.
 */
export class Bitrix24Client implements BatchSender {
	readonly portal: string;

	constructor(
		private readonly target: Bitrix24Portal,
		private readonly http: HttpSender,
		private readonly node: INode,
	) {
		this.portal = target.host;
	}

	get host() {
		return this.target.host;
	}

	get secrets() {
		return this.target.secrets;
	}

	async send(method: string, params: IDataObject, idempotent: boolean): Promise<Bitrix24Envelope> {
		return await sendRequest(this.http, this.target, method, params, idempotent);
	}

	/** One REST call; returns its `result`. */
	async call<T = unknown>(method: string, params: IDataObject = {}, itemIndex?: number): Promise<T> {
		return (await this.callEnvelope(method, params, itemIndex)).result as T;
	}

	/** One REST call; returns the whole envelope (`result`, `total`, `next`, `time`). */
	async callEnvelope(method: string, params: IDataObject = {}, itemIndex?: number): Promise<Bitrix24Envelope> {
		try {
			return await this.send(method, params, isReadMethod(method));
		} catch (error) {
			throw this.wrap(error, itemIndex);
		}
	}

	/** Commands packed into as few `batch` requests as their `$result` references allow. */
	async batch(commands: BatchCommand[], options: { halt?: boolean } = {}): Promise<Map<string, CommandOutcome>> {
		return await runBatch(this, commands, options);
	}

	/** Every row of a list method (or the first `limit`), keyset pages chained inside batches. */
	async list(method: string, params: IDataObject = {}, options: ListOptions = {}, itemIndex?: number): Promise<IDataObject[]> {
		try {
			return await listAll(this, method, params, options);
		} catch (error) {
			throw this.wrap(error, itemIndex);
		}
	}

	wrap(error: unknown, itemIndex?: number): Error {
		if (error instanceof Bitrix24RequestError) return toNodeApiError(this.node, error, itemIndex);
		return error as Error;
	}
}

export async function getBitrix24Client(ctx: Bitrix24Context): Promise<Bitrix24Client> {
	const credentials = await ctx.getCredentials(BITRIX24_CREDENTIAL);
	const portal = readPortal(credentials, ctx.getNode());
	const http: HttpSender = async (options) => await ctx.helpers.httpRequest(options);
	return new Bitrix24Client(portal, http, ctx.getNode());
}

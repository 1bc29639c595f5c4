import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BatchCommand, Bitrix24Client, CommandOutcome } from '../transport';
import { Bitrix24RequestError } from '../transport';
import type { BatchedOperation, ItemContext } from './types';

const REFERENCE = /\$(result|next|total|error|time)\[([A-Za-z0-9_]+)\]/g;

export function itemContext(ctx: IExecuteFunctions, itemIndex: number): ItemContext {
	const items = ctx.getInputData();
	return {
		itemIndex,
		json: items[itemIndex]?.json ?? {},
		param: <T>(name: string, fallback?: T) => ctx.getNodeParameter(name, itemIndex, fallback as never) as T,
	};
}

function prefixReferences(value: unknown, prefix: string, local: Set<string>): unknown {
	if (typeof value === 'string') {
		return value.replace(REFERENCE, (whole, kind: string, key: string) => (local.has(key) ? `$${kind}[${prefix}${key}]` : whole));
	}
	if (Array.isArray(value)) return value.map((entry) => prefixReferences(entry, prefix, local));
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value)) out[k] = prefixReferences(v, prefix, local) as IDataObject[string];
		return out;
	}
	return value;
}

/** Plain errors from planning become NodeOperationErrors tied to their item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = (error as Error).message ?? String(error);
	return new NodeOperationError(ctx.getNode(), message.startsWith('Item ') ? message : `Item ${itemIndex}: ${message}`, { itemIndex });
}

export function outcomeError(client: Bitrix24Client, method: string, outcome: CommandOutcome, itemIndex: number): Error {
	const failure = new Bitrix24RequestError('failed', client.host, method, outcome.error?.code ?? '', outcome.error?.description ?? '');
	return client.wrap(failure, itemIndex);
}

/**
 * Sends the commands of many items through as few batch requests as possible and gives each
 * item back its own outcomes, by its local keys. A failed request fails only the items whose
 * commands travelled in it.
 */
export async function batchPerItem(
	client: Bitrix24Client,
	perItem: Map<number, BatchCommand[]>,
): Promise<Map<number, { outcomes: Map<string, CommandOutcome>; failure?: Error }>> {
	const all: BatchCommand[] = [];
	const owner = new Map<string, { itemIndex: number; local: string }>();
	for (const [itemIndex, commands] of perItem) {
		const prefix = `i${itemIndex}_`;
		const local = new Set(commands.map((c) => c.key));
		for (const command of commands) {
			const key = `${prefix}${command.key}`;
			owner.set(key, { itemIndex, local: command.key });
			all.push({ key, method: command.method, params: prefixReferences(command.params ?? {}, prefix, local) as IDataObject });
		}
	}
	const byItem = new Map<number, { outcomes: Map<string, CommandOutcome>; failure?: Error }>();
	for (const itemIndex of perItem.keys()) byItem.set(itemIndex, { outcomes: new Map() });
	const outcomes = await client.batch(all);
	for (const [key, outcome] of outcomes) {
		const who = owner.get(key)!;
		const entry = byItem.get(who.itemIndex)!;
		entry.outcomes.set(who.local, outcome);
		if (outcome.transportError) entry.failure ??= client.wrap(outcome.transportError, who.itemIndex);
	}
	return byItem;
}

/** Runs a batched operation over all input items, honouring Continue on Fail and pairing items. */
export async function executeBatched(ctx: IExecuteFunctions, client: Bitrix24Client, operation: BatchedOperation): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const planned = new Map<number, BatchCommand[]>();
	const planErrors = new Map<number, Error>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			planned.set(itemIndex, operation.plan(itemContext(ctx, itemIndex)));
		} catch (error) {
			planErrors.set(itemIndex, error as Error);
		}
	}
	const results = await batchPerItem(client, planned);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const planError = planErrors.get(itemIndex);
			if (planError) throw planError;
			const result = results.get(itemIndex)!;
			if (result.failure) throw result.failure;
			const commands = planned.get(itemIndex)!;
			const outcome = (key: string): CommandOutcome => {
				const found = result.outcomes.get(key);
				if (!found) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: no answer for command "${key}"`, { itemIndex });
				if (found.error) {
					const method = commands.find((c) => c.key === key)?.method ?? key;
					throw outcomeError(client, method, found, itemIndex);
				}
				return found;
			};
			const json = operation.read(outcome, itemContext(ctx, itemIndex));
			for (const entry of Array.isArray(json) ? json : [json]) output.push({ json: entry, pairedItem });
		} catch (caught) {
			const error = asNodeError(ctx, caught, itemIndex);
			if (!ctx.continueOnFail()) throw error;
			output.push({ json: { error: error.message }, pairedItem });
		}
	}
	return output;
}

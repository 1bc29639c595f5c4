import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../../shared/redact';
import type { Template } from '../transport/contract';
import { HelloPrintError, toNodeApiError } from '../transport/errors';
import type { HelloPrintConnection } from '../transport';

/** What one execution shares between its items: the connection and the templates already read. */
export interface ExecutionScope {
	conn: HelloPrintConnection;
	templates: Map<string, Promise<Template>>;
}

/** One operation: its fields, and what it does for one input item. */
export interface HelloPrintOperation {
	description: INodeProperties[];
	runItem(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject | IDataObject[]>;
}

/** Shows the fields only for this resource and operation. */
export function showFor(resource: string, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/** An item-level failure as n8n shows it: HelloPrint's message, the item, never the key. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number, secrets: string[]): Error {
	if (error instanceof HelloPrintError) return toNodeApiError(ctx.getNode(), error, itemIndex);
	if (error instanceof NodeOperationError) {
		error.message = redactSecrets(error.message, secrets);
		return error;
	}
	const text = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${text}`, { itemIndex });
}

/** Runs the operation for each input item; with Continue on Fail a failed item becomes `{ error }`. */
export async function runPerItem(ctx: IExecuteFunctions, operation: HelloPrintOperation, scope: ExecutionScope): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.runItem.call(ctx, itemIndex, scope);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex, scope.conn.secrets);
			if (ctx.continueOnFail()) {
				output.push({ json: { error: nodeError.message }, error: nodeError as NodeOperationError, pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return output;
}

/** `Item N: field "x" problem`, as a NodeOperationError with the item. */
export function fieldFailure(ctx: IExecuteFunctions, itemIndex: number) {
	return (field: string, problem: string): never => {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: field "${field}" ${problem}`, { itemIndex });
	};
}

/** `Item N: message`, as a NodeOperationError with the item. */
export function itemFailure(ctx: IExecuteFunctions, itemIndex: number) {
	return (message: string): never => {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex });
	};
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchCommand, Bitrix24Client, CommandOutcome } from '../transport';

/** What an operation sees of one input item while planning its commands. */
export interface ItemContext {
	itemIndex: number;
	json: IDataObject;
	param<T = unknown>(name: string, fallback?: T): T;
}

/** A batched operation: pure planning and reading; the executor sends all items' commands together. */
export interface BatchedOperation {
	kind: 'batched';
	description: INodeProperties[];
	/** The commands one item needs; keys are local to the item and may be referenced as `$result[key]`. */
	plan(item: ItemContext): BatchCommand[];
	/** The item's output from its commands' outcomes; a failed command's outcome throws. */
	read(outcome: (key: string) => CommandOutcome, item: ItemContext): IDataObject | IDataObject[];
}

/** An operation that needs several passes or paging; it still batches across items itself. */
export interface CustomOperation {
	kind: 'custom';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: Bitrix24Client): Promise<INodeExecutionData[]>;
}

export type Bitrix24Operation = BatchedOperation | CustomOperation;

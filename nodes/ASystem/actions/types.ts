import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RunContext } from './templates';

/** One operation: its fields and what it does for one input item (the router loops the items). */
export interface Operation {
	description: INodeProperties[];
	/** Returns one output item, or several (each paired with the input item). */
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject | IDataObject[]>;
}

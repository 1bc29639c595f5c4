import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RunContext } from '../templates';
import { getIdentifiers } from '../templates';

/** The guide's "Get identifiers from ASystem": the manager id and the contractor id for orders. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const ids = await getIdentifiers(this, run, itemIndex);
	return { ...ids };
}

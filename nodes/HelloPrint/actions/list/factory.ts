import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ListName } from '../../transport/contract';
import { getList } from '../../transport';
import type { ExecutionScope, HelloPrintOperation } from '../common';
import { showFor } from '../common';

/** Return All / Limit, as every n8n "get many" shows them. */
export function returnAllFields(resource: string, operation: string): INodeProperties[] {
	return showFor(resource, operation, [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	]);
}

/** Reads one of HelloPrint's lists, one output item per entry. */
export async function readListForItem(ctx: IExecuteFunctions, itemIndex: number, scope: ExecutionScope, list: ListName): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	return await getList(ctx, scope.conn, list, limit);
}

/** A "Data List" operation: the guide's lists the defaults are chosen from. */
export function listOperation(operation: string, list: ListName): HelloPrintOperation {
	return {
		description: returnAllFields('list', operation),
		async runItem(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope) {
			return await readListForItem(this, itemIndex, scope, list);
		},
	};
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { PixlparkOperation } from './common';
import { toItems } from './common';
import * as customer from './customer';
import * as order from './order';

const resources: Record<string, Record<string, PixlparkOperation>> = { customer: customer.operations, order: order.operations };

/** Runs the chosen operation for every input item; with Continue on Fail a failed item becomes `{ error }`. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const op = resources[resource]?.[operation];
			if (!op) throw new NodeOperationError(this.getNode(), `Item ${i}: the operation "${operation}" of "${resource}" is not supported`, { itemIndex: i });
			const results: IDataObject[] = await op.execute.call(this, i);
			out.push(...toItems(results, i));
		} catch (error) {
			if (this.continueOnFail()) {
				const json: IDataObject = { error: (error as Error).message };
				const description = (error as { description?: unknown }).description;
				if (typeof description === 'string' && description) json.description = description;
				out.push({ json, pairedItem: { item: i } });
				continue;
			}
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- already a NodeApiError/NodeOperationError naming the item
			if (error instanceof NodeOperationError || error instanceof NodeApiError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [out];
}

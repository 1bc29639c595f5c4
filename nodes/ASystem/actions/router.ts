import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as anyEndpoint from './anyEndpoint';
import * as calculator from './calculator';
import * as identifiers from './identifiers';
import * as order from './order';
import * as template from './template';
import { newRunContext } from './templates';
import type { Operation } from './types';

const resources: Record<string, Record<string, Operation>> = {
	anyEndpoint: anyEndpoint.operations,
	calculator: calculator.operations,
	identifiers: identifiers.operations,
	order: order.operations,
	template: template.operations,
};

/** Runs the chosen operation for every input item; with Continue on Fail a bad item becomes an error item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const run = newRunContext();
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const op = resources[resource]?.[operation];
			if (!op) throw new NodeOperationError(this.getNode(), `Item ${i}: operation "${resource} / ${operation}" is not supported`, { itemIndex: i });
			const result = await op.execute.call(this, i, run);
			for (const json of Array.isArray(result) ? result : [result]) out.push({ json, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- already a NodeOperationError/NodeApiError naming the item
			if (error instanceof NodeOperationError || error instanceof NodeApiError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [out];
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asNodeError, TemplateSource } from '../helpers/load';
import * as order from './order';
import * as template from './template';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const templates = new TemplateSource(this);
	if (resource === 'order') {
		if (operation === 'build') return [await order.build.execute.call(this, templates)];
		if (operation === 'answerExchangeQuery') return [await order.answerExchangeQuery.execute.call(this, templates)];
	}
	if (resource === 'template' && (operation === 'parse' || operation === 'getPrice')) {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				out.push(...(operation === 'parse' ? await template.parse.execute.call(this, i) : await template.getPrice.execute.call(this, i, templates)));
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this, error, i);
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import * as customer from './actions/customer';
import * as order from './actions/order';
import { router } from './actions/router';
import { NodeConnectionTypes } from 'n8n-workflow';

export class Pixlpark implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pixlpark',
		name: 'pixlpark',
		icon: { light: 'file:pixlpark.svg', dark: 'file:pixlpark.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read Pixlpark orders (also as one Order item for the exports), set their status and add comments',
		defaults: { name: 'Pixlpark' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pixlparkApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Order', value: 'order' },
				],
				default: 'order',
			},
			...order.description,
			...customer.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

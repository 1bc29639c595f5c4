import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as order from './actions/order';
import { router } from './actions/router';
import * as template from './actions/template';

export class OneCPolygraphy implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1C Polygraphy',
		name: 'oneCPolygraphy',
		icon: { light: 'file:onec.svg', dark: 'file:onec.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read 1C:Polygraphy template files, price items from them, and build CommerceML orders for 1C',
		defaults: { name: '1C Polygraphy' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Order', value: 'order' },
					{ name: 'Template', value: 'template' },
				],
				default: 'template',
			},
			...template.description,
			...order.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

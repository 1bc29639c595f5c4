import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as anyEndpoint from './actions/anyEndpoint';
import * as calculator from './actions/calculator';
import * as identifiers from './actions/identifiers';
import * as order from './actions/order';
import { router } from './actions/router';
import * as template from './actions/template';
import { getTemplateParameters, getTemplates } from './methods/loadOptions';

export class ASystem implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ASystem',
		name: 'aSystem',
		icon: { light: 'file:asystem.svg', dark: 'file:asystem.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send Pixlpark orders to ASystem / PrintEffect, read its templates and calculate prices',
		defaults: { name: 'ASystem' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aSystemApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Any Endpoint', value: 'anyEndpoint' },
					{ name: 'Calculator', value: 'calculator' },
					{ name: 'Identifier', value: 'identifiers' },
					{ name: 'Order', value: 'order' },
					{ name: 'Template', value: 'template' },
				],
				default: 'order',
			},
			...anyEndpoint.description,
			...calculator.description,
			...identifiers.description,
			...order.description,
			...template.description,
		],
	};

	methods = { loadOptions: { getTemplates, getTemplateParameters } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as endpoint from './actions/endpoint';
import * as list from './actions/list';
import * as order from './actions/order';
import { router } from './actions/router';
import * as template from './actions/template';
import * as loadOptions from './methods/loadOptions';

/** HelloPrint (helloprint.ru): data lists, templates, sending orders as requests, any endpoint. */
export class HelloPrint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HelloPrint',
		name: 'helloPrint',
		icon: { light: 'file:helloprint.svg', dark: 'file:helloprint.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send Pixlpark orders to HelloPrint as requests and read its managers, companies, technical sites, order sources and templates',
		defaults: { name: 'HelloPrint' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'helloPrintApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Any Endpoint', value: 'endpoint', description: 'A raw call to the HelloPrint API with the credential' },
					{ name: 'Data List', value: 'list', description: 'Managers, companies, technical sites, order sources' },
					{ name: 'Order', value: 'order', description: 'Send an order as a HelloPrint request' },
					{ name: 'Template', value: 'template', description: 'HelloPrint templates and their parameters' },
				],
				default: 'order',
			},
			...endpoint.description,
			...list.description,
			...order.description,
			...template.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

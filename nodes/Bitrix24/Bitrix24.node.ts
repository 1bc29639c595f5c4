import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiDescription } from './actions/api';
import { companyResource, contactResource, dealResource, leadResource } from './actions/entityResources';
import { funnelDescription } from './actions/funnel';
import { orderDescription } from './actions/order';
import { productRowDescription } from './actions/productRow';
import { router } from './actions/router';
import { stageDescription } from './actions/stage';
import { timelineCommentDescription } from './actions/timelineComment';
import { loadOptions } from './methods/loadOptions';

export class Bitrix24 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24',
		name: 'bitrix24',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Export shop orders to Bitrix24 CRM and work with deals, contacts, companies and leads, batched',
		defaults: { name: 'Bitrix24' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24WebhookApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Any Method', value: 'api' },
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Deal', value: 'deal' },
					{ name: 'Deal Product Row', value: 'productRow' },
					{ name: 'Funnel', value: 'funnel' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Order', value: 'order' },
					{ name: 'Stage', value: 'stage' },
					{ name: 'Timeline Comment', value: 'timelineComment' },
				],
				default: 'order',
			},
			...orderDescription,
			...dealResource.description,
			...contactResource.description,
			...companyResource.description,
			...leadResource.description,
			...productRowDescription,
			...timelineCommentDescription,
			...funnelDescription,
			...stageDescription,
			...apiDescription,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

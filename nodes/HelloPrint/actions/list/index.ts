import type { INodeProperties } from 'n8n-workflow';

import type { HelloPrintOperation } from '../common';
import * as getCompanies from './getCompanies.operation';
import * as getManagers from './getManagers.operation';
import * as getOrderSources from './getOrderSources.operation';
import * as getTechSites from './getTechSites.operation';

export const operations: Record<string, HelloPrintOperation> = { getCompanies, getManagers, getOrderSources, getTechSites };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['list'] } },
		options: [
			{ name: 'Get Companies', value: 'getCompanies', description: 'List the companies (legal entities) a request can be issued by', action: 'Get companies' },
			{ name: 'Get Managers', value: 'getManagers', description: 'List the managers a request can be assigned to', action: 'Get managers' },
			{ name: 'Get Order Sources', value: 'getOrderSources', description: 'List the order sources a request can come from', action: 'Get order sources' },
			{ name: 'Get Technical Sites', value: 'getTechSites', description: 'List the technical sites (production areas) a request can go to', action: 'Get technical sites' },
		],
		default: 'getManagers',
	},
	...getCompanies.description,
	...getManagers.description,
	...getOrderSources.description,
	...getTechSites.description,
];

import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { exportOrders } from './export.operation';

export const orderOperations: Record<string, Bitrix24Operation> = { export: exportOrders };

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				action: 'Export orders as deals',
				description: 'Create or update a deal per order, with its contact or company, product rows, comments and stage',
			},
		],
		default: 'export',
	},
	...exportOrders.description,
];

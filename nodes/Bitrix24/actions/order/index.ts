import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { exportOrders } from './export.operation';
import { stageToStatus } from './stageToStatus.operation';

export const orderOperations: Record<string, Bitrix24Operation> = { export: exportOrders, stageToStatus };

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
			{
				name: 'Map Deal Stage to Order Status',
				value: 'stageToStatus',
				action: 'Map a deal stage to its order status',
				description: 'For status sync back to the shop: the order of a deal and the status its stage maps to',
			},
		],
		default: 'export',
	},
	...exportOrders.description,
	...stageToStatus.description,
];

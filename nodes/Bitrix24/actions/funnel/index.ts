import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { getAllFunnels } from './getAll.operation';

export const funnelOperations: Record<string, Bitrix24Operation> = { getAll: getAllFunnels };

export const funnelDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['funnel'] } },
		options: [{ name: 'Get Many', value: 'getAll', action: 'Get many funnels', description: 'List the deal funnels (направления сделок)' }],
		default: 'getAll',
	},
];

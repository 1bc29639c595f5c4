import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { getProductRows } from './get.operation';
import { setProductRows } from './set.operation';

export const productRowOperations: Record<string, Bitrix24Operation> = { get: getProductRows, set: setProductRows };

export const productRowDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['productRow'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get the product rows of a deal', description: 'Get the product rows of a deal' },
			{ name: 'Set', value: 'set', action: 'Set the product rows of a deal', description: 'Replace the product rows of a deal' },
		],
		default: 'set',
	},
	...setProductRows.description,
	...getProductRows.description,
];

import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as price from './price.operation';

export const operations: Record<string, Operation> = { price };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['calculator'] } },
		options: [
			{
				name: 'Calculate Price',
				value: 'price',
				description: 'Calculate the price of a template for the given parameter values',
				action: 'Calculate a price',
			},
		],
		default: 'price',
	},
	...price.description,
];

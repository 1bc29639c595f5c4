import type { INodeProperties } from 'n8n-workflow';
import type { PixlparkOperation } from '../common';
import * as get from './get.operation';

export const operations: Record<string, PixlparkOperation> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' }],
		default: 'get',
	},
	...get.description,
];

import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as get from './get.operation';

export const operations: Record<string, Operation> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['identifiers'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the manager ID and the contractor ID set up on the ASystem server',
				action: 'Get identifiers',
			},
		],
		default: 'get',
	},
	...get.description,
];

import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as call from './call.operation';

export const operations: Record<string, Operation> = { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['anyEndpoint'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'Send a request to any ASystem endpoint with the credential',
				action: 'Call an endpoint',
			},
		],
		default: 'call',
	},
	...call.description,
];

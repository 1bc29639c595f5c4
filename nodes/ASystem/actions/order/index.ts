import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as send from './send.operation';

export const operations: Record<string, Operation> = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send an Order item to ASystem with the chosen template ("Send to ASystem")',
				action: 'Send an order',
			},
		],
		default: 'send',
	},
	...send.description,
];

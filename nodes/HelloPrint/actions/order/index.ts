import type { INodeProperties } from 'n8n-workflow';

import type { HelloPrintOperation } from '../common';
import * as send from './send.operation';

export const operations: Record<string, HelloPrintOperation> = { send };

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
				description: 'Send an Order item to HelloPrint as a request (заявка); returns its ID and link',
				action: 'Send an order',
			},
		],
		default: 'send',
	},
	...send.description,
];

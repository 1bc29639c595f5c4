import type { INodeProperties } from 'n8n-workflow';

import type { HelloPrintOperation } from '../common';
import * as call from './call.operation';

export const operations: Record<string, HelloPrintOperation> = { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['endpoint'] } },
		options: [{ name: 'Call', value: 'call', description: 'Call any HelloPrint API v3 endpoint with the credential', action: 'Call an endpoint' }],
		default: 'call',
	},
	...call.description,
];

import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { runUserBatch } from './batch.operation';
import { callMethod } from './call.operation';

export const apiOperations: Record<string, Bitrix24Operation> = { batch: runUserBatch, call: callMethod };

export const apiDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['api'] } },
		options: [
			{ name: 'Batch', value: 'batch', action: 'Run a batch of commands', description: 'Run up to 50 commands in one request, with $result references' },
			{ name: 'Call Method', value: 'call', action: 'Call any REST method', description: 'Call one REST method with JSON parameters' },
		],
		default: 'call',
	},
	...callMethod.description,
	...runUserBatch.description,
];

import type { INodeProperties } from 'n8n-workflow';

import type { HelloPrintOperation } from '../common';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, HelloPrintOperation> = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a template with its parameters', action: 'Get a template' },
			{ name: 'Get Many', value: 'getMany', description: 'List the templates (synchronise templates)', action: 'Get many templates' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];

import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as get from './get.operation';
import * as list from './list.operation';

export const operations: Record<string, Operation> = { get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a template with its order, detail and operation parameters',
				action: 'Get a template',
			},
			{
				name: 'List',
				value: 'list',
				description: 'List the templates of the ASystem server (synchronise templates)',
				action: 'List templates',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];

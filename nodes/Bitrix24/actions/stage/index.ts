import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { getAllStages } from './getAll.operation';

export const stageOperations: Record<string, Bitrix24Operation> = { getAll: getAllStages };

export const stageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stage'] } },
		options: [{ name: 'Get Many', value: 'getAll', action: 'Get many stages of a funnel', description: 'List the stages of a deal funnel' }],
		default: 'getAll',
	},
	...getAllStages.description,
];

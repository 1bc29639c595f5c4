import type { INodeProperties } from 'n8n-workflow';
import type { PixlparkOperation } from '../common';
import * as addComment from './addComment.operation';
import * as get from './get.operation';
import * as getFull from './getFull.operation';
import * as getItems from './getItems.operation';
import * as getMany from './getMany.operation';
import * as setStatus from './setStatus.operation';

export const operations: Record<string, PixlparkOperation> = { addComment, get, getAll: getMany, getFull, getItems, setStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Add Comment', value: 'addComment', description: 'Add a comment to an order', action: 'Add a comment to an order' },
			{ name: 'Get', value: 'get', description: 'Get an order as Pixlpark returns it', action: 'Get an order' },
			{
				name: 'Get Full Order',
				value: 'getFull',
				description: 'Get an order with its items, customer and comments as one Order item for the exports',
				action: 'Get a full order',
			},
			{ name: 'Get Items', value: 'getItems', description: 'Get the items of an order', action: 'Get the items of an order' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many orders', action: 'Get many orders' },
			{ name: 'Set Status', value: 'setStatus', description: 'Change the status of an order', action: 'Set the status of an order' },
		],
		default: 'getFull',
	},
	...addComment.description,
	...get.description,
	...getFull.description,
	...getItems.description,
	...getMany.description,
	...setStatus.description,
];

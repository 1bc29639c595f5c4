import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { addTimelineComment } from './add.operation';

export const timelineCommentOperations: Record<string, Bitrix24Operation> = { add: addTimelineComment };

export const timelineCommentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timelineComment'] } },
		options: [{ name: 'Add', value: 'add', action: 'Add a timeline comment', description: 'Add a comment to the timeline of a deal, contact, company or lead' }],
		default: 'add',
	},
	...addTimelineComment.description,
];

import type { IDataObject } from 'n8n-workflow';

import { stageEntityId } from '../funnel/stages';
import type { BatchedOperation } from '../types';

const show = { resource: ['stage'], operation: ['getAll'] };

export const getAllStages: BatchedOperation = {
	kind: 'batched',
	description: [
		{
			displayName: 'Funnel Name or ID',
			name: 'funnelId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getFunnels' },
			default: '0',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: { show },
		},
	],
	plan: (item) => [{ key: 'list', method: 'crm.status.list', params: { filter: { ENTITY_ID: stageEntityId(item.param('funnelId', '0')) }, order: { SORT: 'ASC' } } }],
	read: (outcome) => (outcome('list').result as IDataObject[] | undefined) ?? [],
};

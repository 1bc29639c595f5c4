import { CRM_ENTITIES } from '../crm/entities';
import type { CrmEntity } from '../crm/entities';
import { readId } from '../crm/id';
import type { BatchedOperation } from '../types';

const show = { resource: ['timelineComment'], operation: ['add'] };

export const addTimelineComment: BatchedOperation = {
	kind: 'batched',
	description: [
		{
			displayName: 'Entity Type',
			name: 'entityType',
			type: 'options',
			default: 'deal',
			options: (Object.keys(CRM_ENTITIES) as CrmEntity[]).sort().map((e) => ({ name: CRM_ENTITIES[e].label, value: e })),
			displayOptions: { show },
		},
		{ displayName: 'Entity ID', name: 'entityId', type: 'string', required: true, default: '', displayOptions: { show } },
		{ displayName: 'Comment', name: 'comment', type: 'string', typeOptions: { rows: 4 }, required: true, default: '', description: 'Text of the comment; BB-codes are allowed', displayOptions: { show } },
	],
	plan: (item) => {
		const entity = item.param<CrmEntity>('entityType', 'deal');
		const id = readId(item, entity, 'entityId', 'Entity ID');
		const comment = String(item.param('comment', '') ?? '');
		if (!comment.trim()) throw new Error(`Item ${item.itemIndex}: field "Comment" is empty`);
		return [{ key: 'add', method: 'crm.timeline.comment.add', params: { fields: { ENTITY_ID: id, ENTITY_TYPE: CRM_ENTITIES[entity].timelineType, COMMENT: comment } } }];
	},
	read: (outcome) => ({ id: String(outcome('add').result) }),
};

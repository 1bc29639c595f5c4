import type { INodeProperties } from 'n8n-workflow';

import type { BatchedOperation } from '../types';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import { fieldsCollection, toBitrixFields } from './fields';
import { idParameter, readId } from './id';

export function updateOperation(entity: CrmEntity): BatchedOperation {
	const show = { resource: [entity], operation: ['update'] };
	const description: INodeProperties[] = [idParameter(entity, show), fieldsCollection(entity, show)];
	return {
		kind: 'batched',
		description,
		plan: (item) => [
			{
				key: 'update',
				method: `${CRM_ENTITIES[entity].method}.update`,
				params: { id: readId(item, entity), fields: toBitrixFields(entity, item.param('fields', {}), item.itemIndex) },
			},
		],
		read: (outcome, item) => ({ id: readId(item, entity), updated: outcome('update').result === true }),
	};
}

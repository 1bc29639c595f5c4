import type { INodeProperties } from 'n8n-workflow';

import type { BatchedOperation } from '../types';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import { fieldsCollection, toBitrixFields } from './fields';

export function createOperation(entity: CrmEntity): BatchedOperation {
	const show = { resource: [entity], operation: ['create'] };
	const description: INodeProperties[] = [fieldsCollection(entity, show)];
	return {
		kind: 'batched',
		description,
		plan: (item) => [
			{
				key: 'add',
				method: `${CRM_ENTITIES[entity].method}.add`,
				params: { fields: toBitrixFields(entity, item.param('fields', {}), item.itemIndex), params: { REGISTER_SONET_EVENT: 'Y' } },
			},
		],
		read: (outcome) => ({ id: String(outcome('add').result) }),
	};
}

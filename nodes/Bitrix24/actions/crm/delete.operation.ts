import type { BatchedOperation } from '../types';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import { idParameter, readId } from './id';

export function deleteOperation(entity: CrmEntity): BatchedOperation {
	const show = { resource: [entity], operation: ['delete'] };
	return {
		kind: 'batched',
		description: [idParameter(entity, show)],
		plan: (item) => [{ key: 'delete', method: `${CRM_ENTITIES[entity].method}.delete`, params: { id: readId(item, entity) } }],
		read: (outcome, item) => ({ id: readId(item, entity), deleted: outcome('delete').result === true }),
	};
}

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { BatchedOperation } from '../types';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import { simplifyRecord } from './fields';
import { idParameter, readId } from './id';

export function simplifyParameter(show: IDataObject): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to drop empty fields and turn phones and e-mails into plain lists',
		displayOptions: { show: show as NonNullable<INodeProperties['displayOptions']>['show'] },
	};
}

export function getOperation(entity: CrmEntity): BatchedOperation {
	const show = { resource: [entity], operation: ['get'] };
	return {
		kind: 'batched',
		description: [idParameter(entity, show), simplifyParameter(show)],
		plan: (item) => [{ key: 'get', method: `${CRM_ENTITIES[entity].method}.get`, params: { id: readId(item, entity) } }],
		read: (outcome, item) => {
			const record = outcome('get').result as IDataObject;
			return item.param('simplify', true) ? simplifyRecord(record) : record;
		},
	};
}

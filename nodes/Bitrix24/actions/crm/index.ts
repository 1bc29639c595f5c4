import type { INodeProperties } from 'n8n-workflow';

import type { Bitrix24Operation } from '../types';
import { createOperation } from './create.operation';
import { deleteOperation } from './delete.operation';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import { findOperation } from './find.operation';
import { getOperation } from './get.operation';
import { getAllOperation } from './getAll.operation';
import { updateOperation } from './update.operation';

/** Deal, contact, company and lead share their operations; contact and company can also be found by phone or e-mail. */
export function crmResource(entity: CrmEntity, extra: Record<string, Bitrix24Operation> = {}, extraOptions: INodeProperties['options'] = []) {
	const label = CRM_ENTITIES[entity].label;
	const lower = label.toLowerCase();
	const operations: Record<string, Bitrix24Operation> = {
		create: createOperation(entity),
		delete: deleteOperation(entity),
		get: getOperation(entity),
		getAll: getAllOperation(entity),
		update: updateOperation(entity),
		...(entity === 'contact' || entity === 'company' ? { find: findOperation(entity) } : {}),
		...extra,
	};
	const options = [
		{ name: 'Create', value: 'create', action: `Create a ${lower}`, description: `Create a ${lower}` },
		{ name: 'Delete', value: 'delete', action: `Delete a ${lower}`, description: `Delete a ${lower}` },
		...(operations.find ? [{ name: 'Find by Phone or Email', value: 'find', action: `Find ${lower}s by phone or email`, description: `Find ${lower}s by phone or e-mail` }] : []),
		{ name: 'Get', value: 'get', action: `Get a ${lower}`, description: `Get a ${lower}` },
		{ name: 'Get Many', value: 'getAll', action: `Get many ${lower}s`, description: `Get many ${lower}s` },
		{ name: 'Update', value: 'update', action: `Update a ${lower}`, description: `Update a ${lower}` },
		...(extraOptions ?? []),
	].sort((a, b) => a.name.localeCompare(b.name));
	const description: INodeProperties[] = [
		{ displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, displayOptions: { show: { resource: [entity] } }, options, default: 'get' },
		...Object.values(operations).flatMap((op) => op.description),
	];
	return { operations, description };
}

import type { IDataObject } from 'n8n-workflow';

import type { BatchedOperation } from '../types';

export const getAllFunnels: BatchedOperation = {
	kind: 'batched',
	description: [],
	plan: () => [{ key: 'list', method: 'crm.category.list', params: { entityTypeId: 2 } }],
	read: (outcome) => ((outcome('list').result as IDataObject)?.categories as IDataObject[] | undefined) ?? [],
};

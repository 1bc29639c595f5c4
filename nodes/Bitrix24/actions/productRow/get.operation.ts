import type { IDataObject } from 'n8n-workflow';

import { readId } from '../crm/id';
import type { BatchedOperation } from '../types';

const show = { resource: ['productRow'], operation: ['get'] };

export const getProductRows: BatchedOperation = {
	kind: 'batched',
	description: [{ displayName: 'Deal ID', name: 'dealId', type: 'string', required: true, default: '', displayOptions: { show } }],
	plan: (item) => {
		const id = readId(item, 'deal', 'dealId');
		return [{ key: 'rows', method: 'crm.deal.productrows.get', params: { id } }];
	},
	read: (outcome) => (outcome('rows').result as IDataObject[] | undefined) ?? [],
};

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BatchCommand } from '../../transport';
import { asNodeError, batchPerItem, itemContext, outcomeError } from '../executor';
import type { CustomOperation } from '../types';
import { CRM_ENTITIES } from './entities';
import { simplifyRecord } from './fields';
import { simplifyParameter } from './get.operation';

const MAX_VALUES = 20;

/**
 * Contact or company by phone or e-mail: `crm.duplicate.findbycomm` (exact, normalised match,
 * unlike list filters) for all items in one pass, then the found records in a second.
 */
export function findOperation(entity: 'contact' | 'company'): CustomOperation {
	const show = { resource: [entity], operation: ['find'] };
	const entityType = entity.toUpperCase();
	return {
		kind: 'custom',
		description: [
			{ displayName: 'Search By', name: 'searchBy', type: 'options', default: 'PHONE', options: [{ name: 'Email', value: 'EMAIL' }, { name: 'Phone', value: 'PHONE' }], displayOptions: { show } },
			{ displayName: 'Values', name: 'values', type: 'string', required: true, default: '', description: 'Phone numbers or e-mail addresses, separated by commas (at most 20)', displayOptions: { show } },
			simplifyParameter(show),
		],
		async execute(client) {
			const items = this.getInputData();
			const lookups = new Map<number, BatchCommand[]>();
			const errors = new Map<number, Error>();
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				try {
					const item = itemContext(this, itemIndex);
					const values = String(item.param('values', '')).split(',').map((v) => v.trim()).filter(Boolean);
					if (values.length === 0) throw new Error(`Item ${itemIndex}: field "Values" is empty`);
					if (values.length > MAX_VALUES) throw new Error(`Item ${itemIndex}: field "Values" has ${values.length} values; Bitrix24 searches at most ${MAX_VALUES} at once`);
					lookups.set(itemIndex, [{ key: 'find', method: 'crm.duplicate.findbycomm', params: { type: item.param('searchBy', 'PHONE'), values, entity_type: entityType } }]);
				} catch (error) {
					errors.set(itemIndex, asNodeError(this, error, itemIndex));
				}
			}
			const found = await batchPerItem(client, lookups);
			const reads = new Map<number, BatchCommand[]>();
			for (const [itemIndex, result] of found) {
				const outcome = result.outcomes.get('find');
				if (result.failure || !outcome || outcome.error) {
					errors.set(itemIndex, result.failure ?? outcomeError(client, 'crm.duplicate.findbycomm', outcome ?? {}, itemIndex));
					continue;
				}
				const ids = ((outcome.result as IDataObject)?.[entityType] as number[] | undefined) ?? [];
				reads.set(itemIndex, ids.map((id) => ({ key: `get${id}`, method: `${CRM_ENTITIES[entity].method}.get`, params: { id } })));
			}
			const records = await batchPerItem(client, reads);
			const output: INodeExecutionData[] = [];
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				const error = errors.get(itemIndex) ?? records.get(itemIndex)?.failure;
				if (error) {
					if (!this.continueOnFail()) throw error;
					output.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
					continue;
				}
				const simplify = itemContext(this, itemIndex).param('simplify', true);
				for (const outcome of records.get(itemIndex)?.outcomes.values() ?? []) {
					if (outcome.error) continue; // deleted between the two passes
					const record = outcome.result as IDataObject;
					output.push({ json: simplify ? simplifyRecord(record) : record, pairedItem: { item: itemIndex } });
				}
			}
			return output;
		},
	};
}

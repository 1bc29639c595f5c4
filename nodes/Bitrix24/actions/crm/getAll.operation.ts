import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError, itemContext } from '../executor';
import type { CustomOperation } from '../types';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import { parseJsonParameter, simplifyRecord } from './fields';
import { simplifyParameter } from './get.operation';

export function returnAllParameters(show: NonNullable<INodeProperties['displayOptions']>['show']): INodeProperties[] {
	return [
		{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: { show } },
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

export function getAllOperation(entity: CrmEntity): CustomOperation {
	const show = { resource: [entity], operation: ['getAll'] };
	return {
		kind: 'custom',
		description: [
			...returnAllParameters(show),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show },
				options: [
					{ displayName: 'Filter (JSON)', name: 'filter', type: 'json', default: '{}', description: 'Bitrix24 filter, e.g. {"STAGE_ID": "NEW", ">OPPORTUNITY": 1000}' },
					{ displayName: 'Order (JSON)', name: 'order', type: 'json', default: '{}', description: 'Sort order, e.g. {"DATE_CREATE": "DESC"}; the fastest reads keep the default order by ID' },
					{ displayName: 'Select', name: 'select', type: 'string', default: '', placeholder: 'ID, TITLE, STAGE_ID, UF_*', description: 'Fields to return, separated by commas; empty for the default set' },
				],
			},
			simplifyParameter(show),
		],
		async execute(client) {
			const output: INodeExecutionData[] = [];
			for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
				try {
					const item = itemContext(this, itemIndex);
					const options = item.param<IDataObject>('options', {});
					const params: IDataObject = {
						filter: parseJsonParameter(options.filter, 'Options > Filter (JSON)', itemIndex),
						order: parseJsonParameter(options.order, 'Options > Order (JSON)', itemIndex),
					};
					const select = String(options.select ?? '').split(',').map((s) => s.trim()).filter(Boolean);
					if (select.length) params.select = select;
					if (Object.keys(params.order as IDataObject).length === 0) delete params.order;
					const limit = item.param('returnAll', false) ? undefined : item.param('limit', 50);
					const rows = await client.list(`${CRM_ENTITIES[entity].method}.list`, params, { limit }, itemIndex);
					const simplify = item.param('simplify', true);
					for (const row of rows) output.push({ json: simplify ? simplifyRecord(row) : row, pairedItem: { item: itemIndex } });
				} catch (caught) {
					const error = asNodeError(this, caught, itemIndex);
					if (!this.continueOnFail()) throw error;
					output.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
				}
			}
			return output;
		},
	};
}

import type { IDataObject } from 'n8n-workflow';

import { parseJsonParameter } from '../crm/fields';
import { readId } from '../crm/id';
import type { BatchedOperation } from '../types';

const show = { resource: ['productRow'], operation: ['set'] };

/** Product rows as Bitrix24 wants them: PRODUCT_ID 0 = a free-text row, not a catalog product. */
export function toProductRow(row: IDataObject, index: number, itemIndex: number): IDataObject {
	const price = Number(row.price ?? 0);
	const quantity = Number(row.quantity ?? 1);
	if (!String(row.name ?? '').trim()) throw new Error(`Item ${itemIndex}: product row ${index + 1} has no "Name"`);
	if (!Number.isFinite(price) || price < 0) throw new Error(`Item ${itemIndex}: product row ${index + 1} has an invalid "Price"`);
	if (!Number.isFinite(quantity) || quantity <= 0) throw new Error(`Item ${itemIndex}: product row ${index + 1} has an invalid "Quantity"`);
	return { PRODUCT_ID: 0, PRODUCT_NAME: String(row.name), PRICE: price, QUANTITY: quantity, MEASURE_CODE: 796, MEASURE_NAME: 'шт', SORT: (index + 1) * 10 };
}

export const setProductRows: BatchedOperation = {
	kind: 'batched',
	description: [
		{ displayName: 'Deal ID', name: 'dealId', type: 'string', required: true, default: '', displayOptions: { show } },
		{
			displayName: 'Rows',
			name: 'rows',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Row',
			default: {},
			description: 'The deal\'s product rows; they replace all rows the deal had',
			displayOptions: { show },
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
						{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1 },
					],
				},
			],
		},
		{
			displayName: 'Rows (JSON)',
			name: 'rowsJson',
			type: 'json',
			default: '',
			description: 'Instead of the rows above: a JSON array of Bitrix24 rows, e.g. [{"PRODUCT_NAME": "Photo book", "PRICE": 1500, "QUANTITY": 2}]',
			displayOptions: { show },
		},
	],
	plan: (item) => {
		const id = readId(item, 'deal', 'dealId');
		const json = String(item.param('rowsJson', '') ?? '').trim();
		let rows: IDataObject[];
		if (json) {
			const parsed = parseJsonParameter(`{"rows":${json}}`, 'Rows (JSON)', item.itemIndex).rows;
			if (!Array.isArray(parsed)) throw new Error(`Item ${item.itemIndex}: field "Rows (JSON)" must be a JSON array`);
			rows = parsed as IDataObject[];
		} else {
			rows = (item.param<IDataObject>('rows', {}).row as IDataObject[] | undefined ?? []).map((row, index) => toProductRow(row, index, item.itemIndex));
		}
		return [{ key: 'set', method: 'crm.deal.productrows.set', params: { id, rows } }];
	},
	read: (outcome, item) => ({ dealId: String(item.param('dealId')), set: outcome('set').result === true }),
};

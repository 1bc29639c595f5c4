import type { IDataObject } from 'n8n-workflow';

/** What a re-export compares, so that it writes only what differs. */

const sameValue = (wanted: unknown, current: unknown) => {
	if (typeof wanted === 'number') return Number(current) === wanted;
	return String(wanted ?? '') === String(current ?? '');
};

export function changedFields(fields: IDataObject, current: IDataObject): IDataObject {
	const changed: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (!(key in current) || !sameValue(value, current[key])) changed[key] = value;
	}
	return changed;
}

export function sameRows(current: IDataObject[], wanted: IDataObject[]): boolean {
	if (current.length !== wanted.length) return false;
	return wanted.every((row, i) => sameValue(row.PRODUCT_NAME, current[i].PRODUCT_NAME) && sameValue(row.PRICE, current[i].PRICE) && sameValue(row.QUANTITY, current[i].QUANTITY));
}


/** crm.{deal,lead}.productrows.set/get and crm.duplicate.findbycomm. */
import { BAD_ID, NOT_FOUND, legacyError, toId, type MethodHandler } from './api';
import type { EntityTable, Row } from './db';
import { asList, isPlainObject, param } from './params';

function num(v: unknown, dflt: number): number {
	if (v === undefined || v === null || v === '') return dflt;
	const n = Number(String(v).replace(',', '.'));
	return Number.isFinite(n) ? n : dflt;
}

const DUP_TYPES: Array<[string, EntityTable]> = [
	['LEAD', 'leads'],
	['CONTACT', 'contacts'],
	['COMPANY', 'companies'],
];

export const DUPLICATE_MAX_VALUES = 20;

/**
 * crm.{deal,lead}.productrows.set/get: set replaces all rows; the owner's OPPORTUNITY becomes
 * their sum (PRICE * QUANTITY) unless IS_MANUAL_OPPORTUNITY = Y.
 */
function productRowMethods(owner: 'deal' | 'lead'): Record<string, MethodHandler> {
	const table = owner === 'deal' ? 'deals' : 'leads';
	const rowsTable = owner === 'deal' ? 'productRows' : 'leadProductRows';
	return {
		[`crm.${owner}.productrows.set`]: (params, ctx) => {
			const id = toId(param(params, 'id'));
			if (id === null) throw legacyError(BAD_ID);
			const owned = ctx.db[table].get(id);
			if (!owned) throw legacyError(NOT_FOUND);
			const rows: Row[] = asList(param(params, 'rows'))
				.filter(isPlainObject)
				.map((r, i) => {
					ctx.db.seq.productRow += 1;
					const price = num(r.PRICE, 0);
					return {
						ID: String(ctx.db.seq.productRow),
						OWNER_ID: String(id),
						OWNER_TYPE: owner === 'deal' ? 'D' : 'L',
						PRODUCT_ID: num(r.PRODUCT_ID, 0),
						PRODUCT_NAME: r.PRODUCT_NAME === undefined ? '' : String(r.PRODUCT_NAME),
						ORIGINAL_PRODUCT_NAME: r.PRODUCT_NAME === undefined ? '' : String(r.PRODUCT_NAME),
						PRODUCT_DESCRIPTION: r.PRODUCT_DESCRIPTION === undefined ? null : String(r.PRODUCT_DESCRIPTION),
						PRICE: price,
						PRICE_EXCLUSIVE: num(r.PRICE_EXCLUSIVE, price),
						PRICE_NETTO: num(r.PRICE_NETTO, price),
						PRICE_BRUTTO: num(r.PRICE_BRUTTO, price),
						PRICE_ACCOUNT: price.toFixed(2),
						QUANTITY: num(r.QUANTITY, 1),
						DISCOUNT_TYPE_ID: num(r.DISCOUNT_TYPE_ID, 2),
						DISCOUNT_RATE: num(r.DISCOUNT_RATE, 0),
						DISCOUNT_SUM: num(r.DISCOUNT_SUM, 0),
						TAX_RATE: r.TAX_RATE === undefined || r.TAX_RATE === null || r.TAX_RATE === '' ? null : num(r.TAX_RATE, 0),
						TAX_INCLUDED: r.TAX_INCLUDED === 'Y' || r.TAX_INCLUDED === true ? 'Y' : 'N',
						CUSTOMIZED: 'Y',
						MEASURE_CODE: num(r.MEASURE_CODE, 796),
						MEASURE_NAME: r.MEASURE_NAME === undefined ? 'pcs' : String(r.MEASURE_NAME),
						SORT: num(r.SORT, (i + 1) * 10),
						XML_ID: null,
						TYPE: 1,
						STORE_ID: null,
					};
				});
			ctx.db[rowsTable].set(id, rows);
			if (owned.IS_MANUAL_OPPORTUNITY !== 'Y') {
				const sum = rows.reduce((s, r) => s + (r.PRICE as number) * (r.QUANTITY as number), 0);
				owned.OPPORTUNITY = sum.toFixed(2);
			}
			return { result: true };
		},
		[`crm.${owner}.productrows.get`]: (params, ctx) => {
			const id = toId(param(params, 'id'));
			if (id === null) throw legacyError(BAD_ID);
			if (!ctx.db[table].has(id)) throw legacyError(NOT_FOUND);
			return { result: structuredClone(ctx.db[rowsTable].get(id) ?? []) };
		},
	};
}

export function crmExtraMethods(): Record<string, MethodHandler> {
	return {
		...productRowMethods('deal'),
		...productRowMethods('lead'),
		// Phones compare by digits only, e-mails case-insensitively. Answer {CONTACT:[ids]} or [].
		'crm.duplicate.findbycomm': (params, ctx) => {
			const type = String(param(params, 'type') ?? '').toUpperCase();
			if (type !== 'PHONE' && type !== 'EMAIL') throw legacyError('Parameter "type" is not defined or invalid.');
			const values = asList(param(params, 'values')).map(String);
			if (values.length === 0) throw legacyError('Parameter "values" is not defined or empty.');
			if (values.length > DUPLICATE_MAX_VALUES) {
				throw legacyError(`Too many values. The maximum is ${DUPLICATE_MAX_VALUES}.`);
			}
			const norm = (s: string): string => (type === 'PHONE' ? s.replace(/\D/g, '') : s.trim().toLowerCase());
			const wanted = new Set(values.map(norm).filter((s) => s !== ''));
			const only = param(params, 'entity_type');
			const out: Record<string, number[]> = {};
			for (const [name, table] of DUP_TYPES) {
				if (only !== undefined && only !== '' && String(only).toUpperCase() !== name) continue;
				const ids: number[] = [];
				for (const [id, rec] of ctx.db[table]) {
					const items = Array.isArray(rec[type]) ? (rec[type] as Row[]) : [];
					if (items.some((x) => wanted.has(norm(String(x.VALUE))))) ids.push(id);
				}
				if (ids.length > 0) out[name] = ids.sort((a, b) => a - b);
			}
			return { result: Object.keys(out).length > 0 ? out : [] };
		},
	};
}

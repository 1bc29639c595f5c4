/**
 * crm.item.get / crm.item.list (read-only, optional): the universal methods over the same tables,
 * with camelCase field names and typed values (ids and numbers as numbers, Y/N kept, dates ISO).
 * entityTypeId: 1 lead, 2 deal, 3 contact, 4 company. Errors use the new-style codes.
 */
import { ApiError, toId, type MethodHandler } from './api';
import type { EntityTable, Row } from './db';
import { ENTITY_FIELDS, MULTIFIELDS, isNumericType } from './entities';
import { listRecords } from './list';
import { asList, asObject, param } from './params';

const TYPES: Record<number, EntityTable> = { 1: 'leads', 2: 'deals', 3: 'contacts', 4: 'companies' };

const RENAMES: Record<string, string> = {
	DATE_CREATE: 'createdTime',
	DATE_MODIFY: 'updatedTime',
	CREATED_BY_ID: 'createdBy',
	MODIFY_BY_ID: 'updatedBy',
	MOVED_BY_ID: 'movedBy',
	BEGINDATE: 'begindate',
	CLOSEDATE: 'closedate',
};
const REVERSE: Record<string, string> = Object.fromEntries(Object.entries(RENAMES).map(([k, v]) => [v, k]));

export function toCamel(upper: string): string {
	if (RENAMES[upper]) return RENAMES[upper];
	if (upper.startsWith('UF_')) return upper.replace(/^UF_CRM_/, 'ufCrm').replace(/_([A-Z0-9])/g, (_m, c: string) => c);
	return upper.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function toUpper(camel: string): string {
	if (REVERSE[camel]) return REVERSE[camel];
	return camel.replace(/([A-Z])/g, '_$1').toUpperCase();
}

function tableOf(params: Record<string, unknown>): EntityTable {
	const t = TYPES[Number(param(params, 'entityTypeId'))];
	if (!t) throw new ApiError(400, 'NOT_FOUND', 'Smart process not found');
	return t;
}

function convert(table: EntityTable, rec: Row): Row {
	const out: Row = {};
	for (const [k, v] of Object.entries(rec)) {
		const def = ENTITY_FIELDS[table][k];
		if ((MULTIFIELDS as readonly string[]).includes(k)) continue;
		out[toCamel(k)] = v !== null && isNumericType(def?.type) ? Number(v) : v;
	}
	return out;
}

export function itemMethods(): Record<string, MethodHandler> {
	return {
		'crm.item.get': (params, ctx) => {
			const table = tableOf(params);
			const id = toId(param(params, 'id'));
			const rec = id === null ? undefined : ctx.db[table].get(id);
			if (!rec) throw new ApiError(400, 'NOT_FOUND', 'Element not found');
			return { result: { item: convert(table, rec) } };
		},
		'crm.item.list': (params, ctx) => {
			const table = tableOf(params);
			const filter = Object.fromEntries(
				Object.entries(asObject(param(params, 'filter'))).map(([k, v]) => {
					const m = /^([!<>=%@]*)(.*)$/.exec(k) ?? ['', '', k];
					return [`${m[1]}${toUpper(m[2])}`, v];
				}),
			);
			const order = Object.fromEntries(Object.entries(asObject(param(params, 'order'))).map(([k, v]) => [toUpper(k), v]));
			const select = asList(param(params, 'select')).map((s) => (String(s) === '*' ? '*' : toUpper(String(s))));
			const r = listRecords(table, ctx.db[table].values(), { filter, order, select, start: param(params, 'start') });
			return { ...r, result: { items: (r.result as Row[]).map((x) => convert(table, x)) } };
		},
	};
}

/** Legacy CRM methods: crm.{deal,contact,company,lead}.{add,update,get,list,delete,fields}. */
import { BAD_ID, NOT_FOUND, legacyError, toId, type MethodContext, type MethodHandler } from './api';
import { allocId, type EntityTable, type Row } from './db';
import { describeFields } from './entities';
import { listRecords } from './list';
import { asObject, isPlainObject, param, type Params } from './params';
import { applyFields } from './records';
import { dropRequisitesOf } from './requisite';

export const ENTITIES: Record<string, EntityTable> = {
	deal: 'deals',
	contact: 'contacts',
	company: 'companies',
	lead: 'leads',
};

const TITLE_PREFIX: Partial<Record<EntityTable, string>> = { deals: 'Deal', leads: 'Lead', companies: 'Company' };

function requireId(params: Params): number {
	const id = toId(param(params, 'id'));
	if (id === null) throw legacyError(BAD_ID);
	return id;
}

function requireRecord(ctx: MethodContext, table: EntityTable, params: Params): [number, Row] {
	const id = requireId(params);
	const rec = ctx.db[table].get(id);
	if (!rec) throw legacyError(NOT_FOUND);
	return [id, rec];
}

function fieldsOf(params: Params): Record<string, unknown> {
	const f = param(params, 'fields');
	return isPlainObject(f) ? f : asObject(f);
}

/** Inserts a new record built from `fields`; returns its id. */
export function addRecord(ctx: MethodContext, table: EntityTable, fields: Record<string, unknown>): number {
	const rec = applyFields(table, fields, ctx);
	const id = allocId(ctx.db, table);
	rec.ID = String(id);
	const prefix = TITLE_PREFIX[table];
	if (prefix && 'TITLE' in rec && (rec.TITLE === null || rec.TITLE === '')) rec.TITLE = `${prefix} #${id}`;
	ctx.db[table].set(id, rec);
	return id;
}

export function crmMethods(): Record<string, MethodHandler> {
	const out: Record<string, MethodHandler> = {};
	for (const [name, table] of Object.entries(ENTITIES)) {
		const EVENT = `ONCRM${name.toUpperCase()}`;
		out[`crm.${name}.add`] = (params, ctx) => {
			const id = addRecord(ctx, table, fieldsOf(params));
			ctx.emit?.(`${EVENT}ADD`, id);
			return { result: id };
		};
		out[`crm.${name}.update`] = (params, ctx) => {
			const [id, rec] = requireRecord(ctx, table, params);
			ctx.db[table].set(id, applyFields(table, fieldsOf(params), ctx, rec));
			ctx.emit?.(`${EVENT}UPDATE`, id);
			return { result: true };
		};
		out[`crm.${name}.get`] = (params, ctx) => ({ result: structuredClone(requireRecord(ctx, table, params)[1]) });
		out[`crm.${name}.delete`] = (params, ctx) => {
			const [id] = requireRecord(ctx, table, params);
			ctx.db[table].delete(id);
			if (table === 'deals') ctx.db.productRows.delete(id);
			if (table === 'leads') ctx.db.leadProductRows.delete(id);
			if (table === 'companies') dropRequisitesOf(ctx, 4, id);
			if (table === 'contacts') dropRequisitesOf(ctx, 3, id);
			ctx.emit?.(`${EVENT}DELETE`, id);
			return { result: true };
		};
		out[`crm.${name}.list`] = (params, ctx) => listRecords(table, ctx.db[table].values(), params);
		out[`crm.${name}.fields`] = () => ({ result: describeFields(table) });
	}
	return out;
}

/**
 * crm.requisite.add/update/get/list/delete/fields and crm.requisite.preset.list: requisites (INN,
 * KPP, legal name...) of companies (ENTITY_TYPE_ID 4) and contacts (3). add needs an existing
 * owner, a known PRESET_ID and a NAME; legacy errors (HTTP 400, empty code) otherwise.
 */
import { BAD_ID, NOT_FOUND, legacyError, toId, type MethodContext, type MethodHandler } from './api';
import { allocId, type Row } from './db';
import { describeFields } from './entities';
import { listRecords } from './list';
import { asObject, param, type Params } from './params';
import { applyFields } from './records';

export const PRESETS = [
	{ ID: '1', ENTITY_TYPE_ID: '8', COUNTRY_ID: '1', NAME: 'Организация', ACTIVE: 'Y', SORT: '500', XML_ID: '#CRM_REQUISITE_PRESET_DEF_RU_COMPANY#' },
	{ ID: '2', ENTITY_TYPE_ID: '8', COUNTRY_ID: '1', NAME: 'ИП', ACTIVE: 'Y', SORT: '500', XML_ID: '#CRM_REQUISITE_PRESET_DEF_RU_INDIVIDUAL#' },
	{ ID: '3', ENTITY_TYPE_ID: '8', COUNTRY_ID: '1', NAME: 'Физ. лицо', ACTIVE: 'Y', SORT: '500', XML_ID: '#CRM_REQUISITE_PRESET_DEF_RU_PERSON#' },
];

function owner(ctx: MethodContext, rec: Row): boolean {
	const id = Number(rec.ENTITY_ID);
	if (rec.ENTITY_TYPE_ID === '4') return ctx.db.companies.has(id);
	if (rec.ENTITY_TYPE_ID === '3') return ctx.db.contacts.has(id);
	return false;
}

function validate(ctx: MethodContext, rec: Row): void {
	if (rec.ENTITY_TYPE_ID !== '3' && rec.ENTITY_TYPE_ID !== '4') throw legacyError('ENTITY_TYPE_ID is not defined or invalid.');
	if (!owner(ctx, rec)) throw legacyError('The owner entity (ENTITY_ID) is not found.');
	if (!PRESETS.some((p) => p.ID === rec.PRESET_ID)) throw legacyError('PRESET_ID is not defined or invalid.');
	if (rec.NAME === null || String(rec.NAME).trim() === '') throw legacyError('The field "Name" is required.');
}

function requireRequisite(ctx: MethodContext, params: Params): [number, Row] {
	const id = toId(param(params, 'id'));
	if (id === null) throw legacyError(BAD_ID);
	const rec = ctx.db.requisites.get(id);
	if (!rec) throw legacyError(NOT_FOUND);
	return [id, rec];
}

export function addRequisite(ctx: MethodContext, fields: Record<string, unknown>): number {
	const rec = applyFields('requisites', fields, ctx);
	validate(ctx, rec);
	const id = allocId(ctx.db, 'requisites');
	rec.ID = String(id);
	ctx.db.requisites.set(id, rec);
	return id;
}

/** Removes the requisites of a deleted company (4) or contact (3). */
export function dropRequisitesOf(ctx: MethodContext, entityTypeId: number, entityId: number): void {
	for (const [id, rq] of ctx.db.requisites) {
		if (rq.ENTITY_TYPE_ID === String(entityTypeId) && rq.ENTITY_ID === String(entityId)) ctx.db.requisites.delete(id);
	}
}

export function requisiteMethods(): Record<string, MethodHandler> {
	return {
		'crm.requisite.add': (params, ctx) => ({ result: addRequisite(ctx, asObject(param(params, 'fields'))) }),
		'crm.requisite.update': (params, ctx) => {
			const [id, rec] = requireRequisite(ctx, params);
			const next = applyFields('requisites', asObject(param(params, 'fields')), ctx, rec);
			validate(ctx, next);
			ctx.db.requisites.set(id, next);
			return { result: true };
		},
		'crm.requisite.get': (params, ctx) => ({ result: structuredClone(requireRequisite(ctx, params)[1]) }),
		'crm.requisite.delete': (params, ctx) => {
			const [id] = requireRequisite(ctx, params);
			ctx.db.requisites.delete(id);
			return { result: true };
		},
		'crm.requisite.list': (params, ctx) => listRecords('requisites', ctx.db.requisites.values(), params),
		'crm.requisite.fields': () => ({ result: describeFields('requisites') }),
		'crm.requisite.preset.list': () => ({ result: structuredClone(PRESETS), total: PRESETS.length }),
	};
}

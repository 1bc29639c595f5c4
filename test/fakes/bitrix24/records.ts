/**
 * Writing CRM records the way legacy `crm.*.add/update` do: known fields only (plus UF_*),
 * read-only fields ignored, multifields appended/edited, deal funnel and stage rules.
 */
import { legacyError, type MethodContext } from './api';
import { formatDateTime, type EntityTable, type FakeBitrix24Db, type Row } from './db';
import { ENTITY_FIELDS, MULTIFIELDS, blankRecord, normalizeValue } from './entities';
import { asList, isPlainObject } from './params';

export function stagesOf(db: FakeBitrix24Db, categoryId: number): string[] {
	const entity = categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`;
	return db.statuses
		.filter((s) => s.ENTITY_ID === entity)
		.sort((a, b) => a.SORT - b.SORT)
		.map((s) => s.STATUS_ID);
}

function semanticOf(db: FakeBitrix24Db, entity: string, statusId: string): string {
	const s = db.statuses.find((x) => x.ENTITY_ID === entity && x.STATUS_ID === statusId);
	return s?.SEMANTICS ?? 'P';
}

function writeMultifield(db: FakeBitrix24Db, rec: Row, field: string, value: unknown, isNew: boolean): void {
	const current = (Array.isArray(rec[field]) ? (rec[field] as Row[]) : []).map((x) => ({ ...x }));
	for (const raw of asList(value)) {
		if (!isPlainObject(raw)) continue;
		const val = raw.VALUE === undefined || raw.VALUE === null ? '' : String(raw.VALUE).trim();
		const type = raw.VALUE_TYPE ? String(raw.VALUE_TYPE).toUpperCase() : undefined;
		const id = raw.ID === undefined || raw.ID === null || raw.ID === '' ? null : String(raw.ID);
		if (id !== null && !isNew) {
			const idx = current.findIndex((x) => x.ID === id);
			if (idx < 0) continue;
			if (val === '' || raw.DELETE === 'Y') current.splice(idx, 1);
			else current[idx] = { ...current[idx], VALUE: val, ...(type ? { VALUE_TYPE: type } : {}) };
			continue;
		}
		if (val === '') continue;
		db.seq.multifield += 1;
		current.push({ ID: String(db.seq.multifield), VALUE_TYPE: type ?? 'WORK', VALUE: val, TYPE_ID: field });
	}
	if (current.length > 0) rec[field] = current;
	else delete rec[field];
}

function unknownCategory(id: string): never {
	throw legacyError(`Category with ID ${id} is not found.`);
}

/**
 * Applies `fields` to a record (a fresh one when `existing` is undefined) and returns it.
 * Throws a legacy 400 for an unknown deal funnel on add.
 */
export function applyFields(
	table: EntityTable,
	fields: Record<string, unknown>,
	ctx: MethodContext,
	existing?: Row,
): Row {
	const db = ctx.db;
	const isNew = existing === undefined;
	const rec: Row = isNew ? blankRecord(table) : structuredClone(existing);
	const defs = ENTITY_FIELDS[table];
	for (const [key, value] of Object.entries(fields)) {
		const def = defs[key];
		if (key.startsWith('UF_')) {
			rec[key] = normalizeValue(undefined, value);
			continue;
		}
		if (!def || def.readOnly || def.hidden) continue;
		if ((MULTIFIELDS as readonly string[]).includes(key)) {
			writeMultifield(db, rec, key, value, isNew);
			continue;
		}
		if (table === 'deals' && key === 'CATEGORY_ID' && !isNew) continue; // the funnel cannot change
		rec[key] = normalizeValue(def, value);
	}
	// CONTACT_IDS / COMPANY_IDS: the first one becomes the primary link.
	for (const [multi, single] of [
		['CONTACT_IDS', 'CONTACT_ID'],
		['COMPANY_IDS', 'COMPANY_ID'],
	]) {
		if (defs[multi] && fields[multi] !== undefined && fields[single] === undefined) {
			const first = asList(fields[multi])[0];
			rec[single] = normalizeValue(defs[single], first ?? null);
		}
	}
	const now = formatDateTime(ctx.now());
	if (isNew) {
		rec.CREATED_BY_ID = ctx.userId;
		rec.DATE_CREATE = now;
		if (rec.ASSIGNED_BY_ID === null) rec.ASSIGNED_BY_ID = ctx.userId;
		if (rec.OPENED === null) rec.OPENED = 'Y';
		if ('CURRENCY_ID' in rec && rec.CURRENCY_ID === null) rec.CURRENCY_ID = 'RUB';
		if ('OPPORTUNITY' in rec && rec.OPPORTUNITY === null) rec.OPPORTUNITY = '0.00';
		if ('IS_MANUAL_OPPORTUNITY' in rec && rec.IS_MANUAL_OPPORTUNITY === null) rec.IS_MANUAL_OPPORTUNITY = 'N';
		if ('IS_MY_COMPANY' in rec && rec.IS_MY_COMPANY === null) rec.IS_MY_COMPANY = 'N';
		if ('EXPORT' in rec && rec.EXPORT === null) rec.EXPORT = 'Y';
	}
	// On update an unknown stage (or one of another funnel) is ignored: the deal keeps its stage.
	if (table === 'deals' && existing && !stagesOf(db, Number(rec.CATEGORY_ID)).includes(String(rec.STAGE_ID))) {
		rec.STAGE_ID = existing.STAGE_ID;
	}
	rec.MODIFY_BY_ID = ctx.userId;
	rec.DATE_MODIFY = now;
	if (table === 'deals') applyDealRules(db, rec, isNew);
	if (table === 'leads') {
		if (rec.STATUS_ID === null || !db.statuses.some((s) => s.ENTITY_ID === 'STATUS' && s.STATUS_ID === rec.STATUS_ID))
			rec.STATUS_ID = 'NEW';
		rec.STATUS_SEMANTIC_ID = semanticOf(db, 'STATUS', String(rec.STATUS_ID));
	}
	if (table === 'requisites') {
		if (rec.ACTIVE === null) rec.ACTIVE = 'Y';
		if (rec.ADDRESS_ONLY === null) rec.ADDRESS_ONLY = 'N';
		if (rec.SORT === null) rec.SORT = '500';
	}
	if (table === 'contacts' || table === 'companies' || table === 'leads') {
		rec.HAS_PHONE = Array.isArray(rec.PHONE) ? 'Y' : 'N';
		rec.HAS_EMAIL = Array.isArray(rec.EMAIL) ? 'Y' : 'N';
		rec.HAS_IMOL = 'N';
	}
	return rec;
}

function applyDealRules(db: FakeBitrix24Db, rec: Row, isNew: boolean): void {
	if (isNew) {
		const cat = rec.CATEGORY_ID === null ? '0' : String(rec.CATEGORY_ID);
		if (!db.categories.some((c) => String(c.id) === cat)) unknownCategory(cat);
		rec.CATEGORY_ID = cat;
		rec.IS_NEW = 'Y';
		rec.IS_RECURRING = rec.IS_RECURRING ?? 'N';
		rec.IS_RETURN_CUSTOMER = 'N';
		rec.IS_REPEATED_APPROACH = 'N';
		if (rec.TYPE_ID === null) rec.TYPE_ID = 'SALE';
		if (rec.BEGINDATE === null) rec.BEGINDATE = rec.DATE_CREATE ? String(rec.DATE_CREATE).slice(0, 10) + 'T00:00:00+03:00' : null;
	}
	const stages = stagesOf(db, Number(rec.CATEGORY_ID));
	// On add an unknown stage (or one of another funnel) falls back to the funnel's first stage.
	if (rec.STAGE_ID === null || !stages.includes(String(rec.STAGE_ID))) rec.STAGE_ID = stages[0] ?? 'NEW';
	const entity = rec.CATEGORY_ID === '0' ? 'DEAL_STAGE' : `DEAL_STAGE_${rec.CATEGORY_ID}`;
	const sem = semanticOf(db, entity, String(rec.STAGE_ID));
	rec.STAGE_SEMANTIC_ID = sem;
	rec.CLOSED = sem === 'P' ? 'N' : 'Y';
	if (!isNew) rec.IS_NEW = stages[0] === rec.STAGE_ID ? 'Y' : 'N';
}

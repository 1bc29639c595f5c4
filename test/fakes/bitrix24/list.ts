/**
 * `crm.*.list`: select, filter (with operator prefixes), order and `start` paging of 50.
 *
 * Paging follows the real server: `start` is turned into a page number (floor(start/50)), the
 * answer carries `total` and, when rows remain, `next`. `start=-1` skips the count: the first 50
 * matching rows in the requested order, no `total`, no `next`.
 *
 * Filters: `>`, `>=`, `<`, `<=`, `=`, `!`/`!=`, `%` (substring, case-insensitive), `!%`, `@` / `!@`
 * (in / not in a list); an array value without an operator means "in". Numeric fields compare as
 * numbers where an empty string counts as 0 (so `>ID` = '' matches every row, as on the real
 * server); dates compare as instants; strings case-insensitively. PHONE/EMAIL/WEB/IM match a
 * multifield VALUE exactly (e-mails case-insensitively). Unknown non-UF fields are ignored.
 */
import type { MethodResult } from './api';
import { parseDate, type EntityTable, type Row } from './db';
import { ENTITY_FIELDS, MULTIFIELDS, isDateType, isNumericType, type FieldDef } from './entities';
import { asList, asObject, param, type Params } from './params';

export const PAGE_SIZE = 50;

const OPS = ['>=', '<=', '!@', '!%', '!=', '>', '<', '!', '=', '%', '@'];

function splitOp(key: string): [string, string] {
	for (const op of OPS) if (key.startsWith(op)) return [op, key.slice(op.length)];
	return ['', key];
}

function scalarCmp(def: FieldDef | undefined, a: unknown, b: unknown): number | null {
	if (isNumericType(def?.type)) {
		if (a === null || a === undefined) return null;
		const x = Number(a);
		const y = b === '' || b === null || b === undefined ? 0 : Number(b);
		if (Number.isNaN(x) || Number.isNaN(y)) return null;
		return x - y;
	}
	if (isDateType(def?.type)) {
		const x = parseDate(a);
		const y = parseDate(b);
		if (!x || !y) return null;
		return x.getTime() - y.getTime();
	}
	if (a === null || a === undefined) return null;
	return String(a).toLowerCase().localeCompare(String(b).toLowerCase());
}

function eq(def: FieldDef | undefined, a: unknown, b: unknown): boolean {
	if ((b === '' || b === null) && (a === null || a === '' || a === undefined)) return true;
	if (Array.isArray(a)) return a.some((x) => eq(def, x, b));
	return scalarCmp(def, a, b) === 0;
}

function matchMulti(rec: Row, field: string, op: string, value: unknown): boolean {
	const items = Array.isArray(rec[field]) ? (rec[field] as Row[]) : [];
	const norm = (s: unknown): string => (field === 'EMAIL' ? String(s).toLowerCase() : String(s)).trim();
	const values = items.map((x) => norm(x.VALUE));
	const wanted = Array.isArray(value) ? value.map(norm) : [norm(value)];
	const hit =
		op === '%' || op === '!%'
			? values.some((v) => wanted.some((w) => v.toLowerCase().includes(w.toLowerCase())))
			: values.some((v) => wanted.includes(v));
	return op.startsWith('!') ? !hit : hit;
}

type Condition = (rec: Row) => boolean;

/** Compiles one filter entry into a row predicate. */
function condition(table: EntityTable, key: string, value: unknown): Condition {
	const [op, field] = splitOp(key);
	if ((MULTIFIELDS as readonly string[]).includes(field) && ENTITY_FIELDS[table][field]) {
		return (rec) => matchMulti(rec, field, op, value);
	}
	const def = ENTITY_FIELDS[table][field];
	if (!def && !field.startsWith('UF_')) return () => true;
	if (isNumericType(def?.type) && (op === '>' || op === '>=' || op === '<' || op === '<=') && !Array.isArray(value)) {
		const y = value === '' || value === null || value === undefined ? 0 : Number(value);
		return (rec) => {
			const a = rec[field];
			if (a === null || a === undefined || Number.isNaN(y)) return false;
			const c = Number(a) - y;
			return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
		};
	}
	return (rec) => matchOne(def, rec[field] ?? null, op, value);
}

function matchOne(def: FieldDef | undefined, actual: unknown, op: string, value: unknown): boolean {
	const list = Array.isArray(value) ? value : null;
	switch (op) {
		case '':
		case '=':
		case '@':
			return list ? list.some((v) => eq(def, actual, v)) : eq(def, actual, value);
		case '!':
		case '!=':
		case '!@':
			return list ? !list.some((v) => eq(def, actual, v)) : !eq(def, actual, value);
		case '%':
		case '!%': {
			const hit = actual !== null && String(actual).toLowerCase().includes(String(value).toLowerCase());
			return op === '%' ? hit : !hit;
		}
		default: {
			const c = scalarCmp(def, actual, value);
			if (c === null) return false;
			if (op === '>') return c > 0;
			if (op === '>=') return c >= 0;
			if (op === '<') return c < 0;
			return c <= 0;
		}
	}
}

function project(table: EntityTable, rec: Row, select: string[]): Row {
	const defs = ENTITY_FIELDS[table];
	const all = select.length === 0 || select.includes('*');
	const out: Row = { ID: rec.ID };
	for (const [k, v] of Object.entries(rec)) {
		const isMulti = (MULTIFIELDS as readonly string[]).includes(k);
		const isUf = k.startsWith('UF_');
		const wanted =
			select.includes(k) || (all && !isMulti && !isUf && defs[k] !== undefined) || (isUf && select.includes('UF_*'));
		if (wanted) out[k] = structuredClone(v);
	}
	return out;
}

/** A sort key per row and field: numbers for numeric/date fields, lower-case text otherwise. */
function sortKey(def: FieldDef | undefined, v: unknown): number | string | null {
	if (v === null || v === undefined) return null;
	if (isNumericType(def?.type)) {
		const n = Number(v);
		return Number.isNaN(n) ? null : n;
	}
	if (isDateType(def?.type)) return parseDate(v)?.getTime() ?? null;
	return String(v).toLowerCase();
}

function sortRows(table: EntityTable, rows: Row[], order: Array<[string, string]>): Row[] {
	const defs = order.map(([f]) => ENTITY_FIELDS[table][f]);
	const keyed = rows.map((r) => ({ r, k: order.map(([f], i) => sortKey(defs[i], r[f])) }));
	keyed.sort((a, b) => {
		for (let i = 0; i < order.length; i++) {
			const x = a.k[i];
			const y = b.k[i];
			let c: number;
			if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
			else if (typeof x === 'number' && typeof y === 'number') c = x - y;
			else c = String(x).localeCompare(String(y));
			if (c !== 0) return order[i][1] === 'DESC' ? -c : c;
		}
		return 0;
	});
	return keyed.map((x) => x.r);
}

export function listRecords(table: EntityTable, rows: Iterable<Row>, params: Params): MethodResult {
	const select = asList(param(params, 'select')).map(String);
	const filter = asObject(param(params, 'filter'));
	const orderObj = asObject(param(params, 'order'));
	const order: Array<[string, string]> = Object.entries(orderObj).map(([k, v]) => [k, String(v).toUpperCase()]);
	if (!order.some(([k]) => k === 'ID')) order.push(['ID', 'ASC']);
	const startRaw = param(params, 'start');
	const start = startRaw === undefined || startRaw === '' ? 0 : Number(startRaw);
	const conditions = Object.entries(filter).map(([k, v]) => condition(table, k, v));
	const matched = sortRows(
		table,
		[...rows].filter((rec) => conditions.every((c) => c(rec))),
		order,
	);
	if (start === -1) {
		return { result: matched.slice(0, PAGE_SIZE).map((r) => project(table, r, select)) };
	}
	const offset = Number.isFinite(start) && start > 0 ? Math.floor(start / PAGE_SIZE) * PAGE_SIZE : 0;
	const page = matched.slice(offset, offset + PAGE_SIZE).map((r) => project(table, r, select));
	const next = offset + PAGE_SIZE < matched.length ? offset + PAGE_SIZE : undefined;
	return { result: page, total: matched.length, ...(next !== undefined ? { next } : {}) };
}

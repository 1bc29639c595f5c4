/**
 * PHP-style query strings, as Bitrix24 (PHP `parse_str` / `http_build_query`) reads and writes them:
 * `fields[PHONE][0][VALUE]=1&select[]=ID`. Parsing yields plain objects; an object whose keys are
 * exactly 0..n-1 becomes an array (PHP's JSON encoder does the same with such arrays).
 */

export type Params = Record<string, unknown>;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function decode(s: string): string {
	try {
		return decodeURIComponent(s.replace(/\+/g, ' '));
	} catch {
		return s;
	}
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits `a[b][]` into ['a', 'b', '']. Returns null for names PHP would not accept. */
function splitKey(name: string): string[] | null {
	const open = name.indexOf('[');
	if (open <= 0) return name === '' ? null : [name];
	const parts = [name.slice(0, open)];
	const re = /\[([^\]]*)\]/y;
	re.lastIndex = open;
	let m: RegExpExecArray | null;
	while (re.lastIndex < name.length && (m = re.exec(name)) !== null) parts.push(m[1]);
	return parts;
}

function nextIndex(obj: Record<string, unknown>): string {
	let max = -1;
	for (const k of Object.keys(obj)) if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
	return String(max + 1);
}

function assign(root: Record<string, unknown>, path: string[], value: string): void {
	let cur = root;
	for (let i = 0; i < path.length; i++) {
		const key = path[i] === '' ? nextIndex(cur) : path[i];
		if (FORBIDDEN.has(key)) return;
		if (i === path.length - 1) {
			cur[key] = value;
			return;
		}
		if (!isPlainObject(cur[key])) cur[key] = {};
		cur = cur[key] as Record<string, unknown>;
	}
}

/** Converts objects with keys 0..n-1 into arrays, recursively. */
export function normalizeLists(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(normalizeLists);
	if (!isPlainObject(v)) return v;
	const keys = Object.keys(v);
	const out: Record<string, unknown> = {};
	for (const k of keys) if (!FORBIDDEN.has(k)) out[k] = normalizeLists(v[k]);
	if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => out[k]);
	return out;
}

/** PHP parse_str. */
export function parsePhpQuery(query: string): Params {
	const root: Record<string, unknown> = {};
	for (const pair of query.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const rawName = decode(eq < 0 ? pair : pair.slice(0, eq));
		const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
		const path = splitKey(rawName);
		if (path) assign(root, path, value);
	}
	return normalizeLists(root) as Params;
}

function encodeScalar(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'boolean') return v ? '1' : '0';
	return encodeURIComponent(String(v));
}

/** PHP http_build_query: nested objects/arrays as bracket keys (brackets percent-encoded). */
export function buildPhpQuery(params: Record<string, unknown>): string {
	const out: string[] = [];
	const walk = (prefix: string, v: unknown): void => {
		if (Array.isArray(v)) {
			v.forEach((item, i) => walk(`${prefix}[${i}]`, item));
		} else if (isPlainObject(v)) {
			for (const [k, item] of Object.entries(v)) walk(`${prefix}[${k}]`, item);
		} else if (v !== undefined) {
			out.push(`${encodeURIComponent(prefix)}=${encodeScalar(v)}`);
		}
	};
	for (const [k, v] of Object.entries(params)) walk(k, v);
	return out.join('&');
}

/** Accepts a PHP-ish list (array or object of values) and returns its values as an array. */
export function asList(v: unknown): unknown[] {
	if (v === undefined || v === null || v === '') return [];
	if (Array.isArray(v)) return v;
	if (isPlainObject(v)) return Object.values(v);
	return [v];
}

export function asObject(v: unknown): Record<string, unknown> {
	if (isPlainObject(v)) return v;
	if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
	return {};
}

export { isPlainObject };

/** Keys are case-insensitive in Bitrix24 for top-level method parameters (`ID` = `id`). */
export function param(params: Params, name: string): unknown {
	if (name in params) return params[name];
	const lower = name.toLowerCase();
	for (const k of Object.keys(params)) if (k.toLowerCase() === lower) return params[k];
	return undefined;
}

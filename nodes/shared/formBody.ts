/**
 * Safe parsing of PHP-style form bodies (`application/x-www-form-urlencoded` with bracket keys,
 * as Bitrix24 and other PHP systems send them): `data[FIELDS][ID]=5&auth[domain]=x` becomes
 * `{ data: { FIELDS: { ID: '5' } }, auth: { domain: 'x' } }`.
 *
 * Safe means: the size, the number of keys and the nesting depth are bounded; `__proto__`,
 * `constructor` and `prototype` segments are dropped (no prototype pollution); a malformed body
 * (bad percent-encoding, unbalanced brackets, a key that is both a value and a group) throws
 * `FormBodyError` instead of producing a half-read object. Values stay strings, as sent.
 */
export class FormBodyError extends Error {
	constructor(
		message: string,
		/** 'too-large' for size/count limits, 'malformed' for everything else. */
		readonly reason: 'too-large' | 'malformed',
	) {
		super(message);
		this.name = 'FormBodyError';
	}
}

export interface FormBodyLimits {
	/** Largest body in bytes (default 64 KB). */
	maxBytes?: number;
	/** Most key=value pairs (default 1000). */
	maxKeys?: number;
	/** Deepest bracket nesting (default 8). */
	maxDepth?: number;
}

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
	[key: string]: FormValue;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DEFAULTS: Required<FormBodyLimits> = { maxBytes: 64 * 1024, maxKeys: 1000, maxDepth: 8 };

function limitsOf(limits?: FormBodyLimits): Required<FormBodyLimits> {
	return { ...DEFAULTS, ...limits };
}

function decode(part: string): string {
	let decoded: string | undefined;
	try {
		decoded = decodeURIComponent(part.replace(/\+/g, ' '));
	} catch {
		decoded = undefined;
	}
	if (decoded === undefined) throw new FormBodyError('the body has invalid percent-encoding', 'malformed');
	return decoded;
}

/** Splits `a[b][c][]` into ['a', 'b', 'c', '']; throws on unbalanced brackets. */
export function splitBracketKey(key: string): string[] {
	const open = key.indexOf('[');
	if (open === -1) {
		if (key.includes(']')) throw new FormBodyError(`the key "${clip(key)}" has unbalanced brackets`, 'malformed');
		return [key];
	}
	const head = key.slice(0, open);
	if (head === '') throw new FormBodyError(`the key "${clip(key)}" has no name before its brackets`, 'malformed');
	const segments = [head];
	let rest = key.slice(open);
	while (rest.length > 0) {
		const match = /^\[([^[\]]*)\]/.exec(rest);
		if (!match) throw new FormBodyError(`the key "${clip(key)}" has unbalanced brackets`, 'malformed');
		segments.push(match[1]);
		rest = rest.slice(match[0].length);
	}
	return segments;
}

function clip(text: string): string {
	return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function isGroup(value: FormValue | undefined): value is FormObject | FormValue[] {
	return typeof value === 'object' && value !== null;
}

/** Puts one value at its bracket path into `target`. */
function assign(target: FormObject, segments: string[], value: string, maxDepth: number): void {
	if (segments.length - 1 > maxDepth) throw new FormBodyError(`a key nests deeper than ${maxDepth} levels`, 'too-large');
	if (segments.some((s) => FORBIDDEN_KEYS.has(s))) return;
	let node: FormObject | FormValue[] = target;
	for (let i = 0; i < segments.length; i++) {
		const last = i === segments.length - 1;
		const segment = segments[i];
		if (Array.isArray(node)) {
			// `a[]` appends; `a[]` followed by named keys is not something we accept.
			if (segment !== '') throw new FormBodyError('a key mixes [] with named brackets', 'malformed');
			if (last) {
				node.push(value);
				return;
			}
			const child: FormObject | FormValue[] = segments[i + 1] === '' ? [] : {};
			node.push(child);
			node = child;
			continue;
		}
		const key = segment === '' ? String(Object.keys(node).length) : segment;
		const existing: FormValue | undefined = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
		if (last) {
			if (isGroup(existing)) throw new FormBodyError(`the key "${clip(segments.join('.'))}" is both a value and a group`, 'malformed');
			node[key] = value;
			return;
		}
		if (existing !== undefined && !isGroup(existing)) throw new FormBodyError(`the key "${clip(segments.slice(0, i + 1).join('.'))}" is both a value and a group`, 'malformed');
		if (existing === undefined) {
			const child: FormObject | FormValue[] = segments[i + 1] === '' ? [] : {};
			node[key] = child;
			node = child;
		} else {
			node = existing as FormObject | FormValue[];
		}
	}
}

/** Parses a raw form body (string or bytes) into nested JSON. */
export function parseFormBody(raw: string | Uint8Array, limits?: FormBodyLimits): FormObject {
	const { maxBytes, maxKeys, maxDepth } = limitsOf(limits);
	const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
	if (size > maxBytes) throw new FormBodyError(`the body is larger than ${Math.round(maxBytes / 1024)} KB`, 'too-large');
	const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
	const result: FormObject = {};
	const pairs = text.split('&').filter((p) => p.length > 0);
	if (pairs.length > maxKeys) throw new FormBodyError(`the body has more than ${maxKeys} fields`, 'too-large');
	for (const pair of pairs) {
		const eq = pair.indexOf('=');
		const rawKey = eq === -1 ? pair : pair.slice(0, eq);
		const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
		const key = decode(rawKey);
		if (key === '') throw new FormBodyError('the body has a field without a name', 'malformed');
		assign(result, splitBracketKey(key), decode(rawValue), maxDepth);
	}
	return result;
}

/**
 * Turns a body that a server already parsed into the same nested JSON: either flat bracket keys
 * (`{'data[FIELDS][ID]': '5'}`, as Node's querystring leaves them) or an already nested object.
 * Applies the same limits and drops the same forbidden keys.
 */
export function normalizeParsedForm(body: unknown, limits?: FormBodyLimits): FormObject {
	const { maxBytes, maxKeys, maxDepth } = limitsOf(limits);
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FormBodyError('the body is not a form', 'malformed');
	let size = 0;
	let count = 0;
	const result: FormObject = {};
	const visit = (value: unknown, path: string[], depth: number): void => {
		if (depth > maxDepth) throw new FormBodyError(`a key nests deeper than ${maxDepth} levels`, 'too-large');
		if (Array.isArray(value)) {
			// `a[]=1&a[]=2` parsed by querystring is {'a[]': ['1', '2']}: append; otherwise index.
			const appends = path[path.length - 1] === '';
			value.forEach((v, i) => visit(v, appends ? path : [...path, String(i)], depth + 1));
			return;
		}
		if (typeof value === 'object' && value !== null) {
			for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...path, key], depth + 1);
			return;
		}
		count++;
		const text = value === undefined || value === null ? '' : String(value);
		size += text.length + path.join('').length + 2;
		if (count > maxKeys) throw new FormBodyError(`the body has more than ${maxKeys} fields`, 'too-large');
		if (size > maxBytes) throw new FormBodyError(`the body is larger than ${Math.round(maxBytes / 1024)} KB`, 'too-large');
		assign(result, path, text, maxDepth);
	};
	for (const key of Object.keys(body)) visit((body as Record<string, unknown>)[key], splitBracketKey(key), 1);
	return result;
}

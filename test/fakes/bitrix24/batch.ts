/**
 * The `batch` method: `{halt, cmd}` with up to 50 `method?php-query` commands run in order.
 *
 * References (`$result[key]...`, `$next[key]`, `$total[key]`, `$time[key]...`, `$error[key]...`)
 * are resolved after the command's query string is parsed, value by value:
 * - a value that IS one reference gets the raw value (arrays/objects allowed);
 * - a reference inside a longer string is replaced by the scalar as text;
 * - a reference that cannot be resolved (its command failed, was not run, or the path does not
 *   exist, e.g. `$result[page1][49][ID]` after a page of 20 rows) becomes an EMPTY STRING.
 *   Our choice where the docs are silent; note that `filter[>ID]=` (empty) then matches every row,
 *   as the real server's SQL does with an empty number: a chained keyset page after a short page
 *   must be ignored by the client.
 * More than 50 commands: 400 ERROR_BATCH_LENGTH_EXCEEDED and NOTHING runs (the safe reading).
 * Empty sections of the answer are `[]`; a section whose keys are 0..n-1 is a JSON array (PHP).
 */
import { ApiError, type MethodResult } from './api';
import { asObject, isPlainObject, param, parsePhpQuery, type Params } from './params';

export const BATCH_MAX = 50;

export type CommandOutcome =
	| { ok: true; result: unknown; total?: number; next?: number; time: unknown }
	| { ok: false; status: number; error: { error: string; error_description: string }; time?: unknown };

export type CommandRunner = (method: string, params: Params) => CommandOutcome;

interface Sections {
	result: Record<string, unknown>;
	error: Record<string, unknown>;
	total: Record<string, unknown>;
	next: Record<string, unknown>;
	time: Record<string, unknown>;
}

const REF_WHOLE = /^\$(result|next|total|time|error)((?:\[[^\]]*\])+)$/;
const REF_ANY = /\$(result|next|total|time|error)((?:\[[^\]]*\])+)/g;

const MISSING = Symbol('missing');

function lookup(sections: Sections, kind: string, path: string): unknown {
	const keys = [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
	let cur: unknown = sections[kind as keyof Sections];
	for (const k of keys) {
		if (Array.isArray(cur) && /^\d+$/.test(k) && Number(k) < cur.length) cur = cur[Number(k)];
		else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, k)) cur = cur[k];
		else return MISSING;
	}
	return cur;
}

function asText(v: unknown): string {
	if (v === MISSING || v === null || v === undefined || typeof v === 'object') return '';
	if (typeof v === 'boolean') return v ? '1' : '';
	return String(v);
}

function substitute(v: unknown, sections: Sections): unknown {
	if (Array.isArray(v)) return v.map((x) => substitute(x, sections));
	if (isPlainObject(v)) {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v)) out[k] = substitute(x, sections);
		return out;
	}
	if (typeof v !== 'string' || !v.includes('$')) return v;
	const whole = REF_WHOLE.exec(v);
	if (whole) {
		const found = lookup(sections, whole[1], whole[2]);
		return found === MISSING ? '' : structuredClone(found);
	}
	return v.replace(REF_ANY, (_m, kind: string, path: string) => asText(lookup(sections, kind, path)));
}

function section(obj: Record<string, unknown>): unknown {
	const keys = Object.keys(obj);
	if (keys.length === 0) return [];
	if (keys.every((k, i) => k === String(i))) return keys.map((k) => obj[k]);
	return obj;
}

function truthy(v: unknown): boolean {
	return !(v === undefined || v === null || v === false || v === 0 || v === '' || v === '0');
}

export function runBatch(params: Params, run: CommandRunner): MethodResult {
	const cmd = asObject(param(params, 'cmd'));
	const halt = truthy(param(params, 'halt'));
	const entries = Object.entries(cmd);
	if (entries.length > BATCH_MAX) {
		throw new ApiError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
	}
	const s: Sections = { result: {}, error: {}, total: {}, next: {}, time: {} };
	for (const [key, command] of entries) {
		if (typeof command !== 'string') continue;
		const q = command.indexOf('?');
		const method = (q < 0 ? command : command.slice(0, q)).trim().toLowerCase().replace(/\.json$/, '');
		const cmdParams = substitute(parsePhpQuery(q < 0 ? '' : command.slice(q + 1)), s) as Params;
		const out: CommandOutcome =
			method === 'batch'
				? {
						ok: false,
						status: 405,
						error: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' },
					}
				: run(method, cmdParams);
		if (out.ok) {
			s.result[key] = out.result;
			if (out.total !== undefined) s.total[key] = out.total;
			if (out.next !== undefined) s.next[key] = out.next;
		} else {
			s.error[key] = out.error;
		}
		if (out.time !== undefined) s.time[key] = out.time;
		if (!out.ok && halt) break;
	}
	return {
		result: {
			result: section(s.result),
			result_error: section(s.error),
			result_total: section(s.total),
			result_next: section(s.next),
			result_time: section(s.time),
		},
	};
}

// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- issue 9 asks for a well-kept CSV parser; this package targets self-hosted n8n
import { parse } from 'csv-parse/sync';

/**
 * 1C:Polygraphy template files: a flat CSV table, one row per combination of parameter values
 * (and optionally a run / quantity), with its price. Parsing is done by csv-parse; this file
 * only detects the encoding and the separator, finds the price and quantity columns and builds
 * the JSON the node outputs.
 */

export type TemplateEncoding = 'utf-8' | 'windows-1251';
export type TemplateSeparator = ';' | ',' | '\t';

export interface TemplateParameter {
	name: string;
	values: string[];
}

export interface Template {
	fileName?: string;
	encoding: TemplateEncoding;
	separator: TemplateSeparator;
	/** Number of rows (combinations), after restriction. */
	choices: number;
	priceColumn: string;
	quantityColumn?: string;
	parameters: TemplateParameter[];
	/** Runs found in the quantity column, ascending. */
	quantities?: number[];
	/** Header of `rows`: the parameter names, then the quantity column (if any), then the price column. */
	columns: string[];
	/** One array per row: parameter values, then quantity (if any), then price. */
	rows: Array<Array<string | number>>;
}

export interface ParseTemplateOptions {
	fileName?: string;
	encoding?: 'auto' | TemplateEncoding;
	separator?: 'auto' | TemplateSeparator;
	/** Header of the price column; detected when empty. */
	priceColumn?: string;
	/** Header of the quantity / run column; detected when undefined, none when ''. */
	quantityColumn?: string;
	/** Columns that are neither parameters nor price (e.g. an article code). */
	ignoreColumns?: string[];
}

/** A template problem; `line` is the 1-based line of the file when known. */
export class TemplateError extends Error {
	constructor(
		message: string,
		readonly line?: number,
	) {
		super(message);
		this.name = 'TemplateError';
	}
}

const PRICE_HEADER = /^(цена|стоимость|price|cost|сумма)/i;
const QUANTITY_HEADER = /^(тираж|количество|кол-во|кол\.|qty|quantity|run)/i;

/** Decodes the file: a UTF-8 BOM or valid UTF-8 means UTF-8, anything else is read as Windows-1251. */
export function decodeTemplate(data: Uint8Array, encoding: 'auto' | TemplateEncoding = 'auto'): { text: string; encoding: TemplateEncoding } {
	const hasBom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
	if (encoding === 'windows-1251') return { text: new TextDecoder('windows-1251').decode(data), encoding };
	if (encoding === 'utf-8' || hasBom) return { text: new TextDecoder('utf-8', { ignoreBOM: false }).decode(data), encoding: 'utf-8' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1251').decode(data), encoding: 'windows-1251' };
	}
}

/** Picks the separator that occurs most often outside quotes in the header line (ties: `;`, tab, `,`). */
export function detectSeparator(text: string): TemplateSeparator {
	const counts: Record<TemplateSeparator, number> = { ';': 0, '\t': 0, ',': 0 };
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && (ch === ';' || ch === '\t' || ch === ',')) counts[ch]++;
	}
	let best: TemplateSeparator = ';';
	for (const sep of [';', '\t', ','] as TemplateSeparator[]) if (counts[sep] > counts[best]) best = sep;
	return best;
}

/** The line holding UTF-8 byte `offset` of the text (csv-parse counts bytes of the text as UTF-8). */
function lineAt(text: string, offset: number): number {
	const bytes = Buffer.from(text, 'utf8');
	let line = 1;
	const end = Math.min(offset, bytes.length);
	for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
	return line;
}

function csvError(error: unknown, text: string, where: string): TemplateError {
	const e = error as { code?: string; lines?: number; bytes?: number; message?: string };
	switch (e.code) {
		case 'CSV_QUOTE_NOT_CLOSED': {
			// csv-parse reports the end of the file; the broken field starts after the last complete record.
			const line = typeof e.bytes === 'number' ? lineAt(text, e.bytes) : e.lines;
			return new TemplateError(`${where}line ${line}: unbalanced quotes: a quoted field opened here is never closed`, line);
		}
		case 'CSV_INVALID_CLOSING_QUOTE':
			return new TemplateError(`${where}line ${e.lines}: unbalanced quotes: text follows a closing quote inside a field`, e.lines);
		case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
		case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH':
			return new TemplateError(`${where}line ${e.lines}: ${String(e.message).replace(/ on line \d+$/, '')} (the header has a different number of columns)`, e.lines);
		default:
			return new TemplateError(`${where}${e.lines ? `line ${e.lines}: ` : ''}cannot read the CSV: ${String(e.message ?? error)}`, e.lines);
	}
}

/** Reads a price or a quantity: spaces (also non-breaking) are thousands separators, `,` or `.` the decimal point. */
export function parseNumber(raw: string): number | undefined {
	const cleaned = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
	return Number(cleaned);
}

function findColumn(header: string[], wanted: string | undefined, pattern: RegExp, what: string, where: string): number {
	if (wanted) {
		const index = header.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
		if (index < 0) throw new TemplateError(`${where}line 1: there is no ${what} column "${wanted}"; the columns are: ${header.map((h) => `"${h}"`).join(', ')}`, 1);
		return index;
	}
	return header.findIndex((h) => pattern.test(h.trim()));
}

/** Finds the file line of data record `recordIndex` (0 = header) by parsing again with line info (only on errors). */
function lineOfRecord(text: string, separator: string, recordIndex: number): number | undefined {
	const records = parse(text, { delimiter: separator, skip_empty_lines: true, info: true, relax_column_count: true, to_line: undefined }) as Array<{ info: { lines: number } }>;
	return records[recordIndex]?.info.lines;
}

export function parseTemplate(data: Uint8Array, options: ParseTemplateOptions = {}): Template {
	const where = options.fileName ? `Template "${options.fileName}": ` : 'Template: ';
	const { text, encoding } = decodeTemplate(data, options.encoding ?? 'auto');
	if (text.trim() === '') throw new TemplateError(`${where}the file is empty`, 1);
	const separator = !options.separator || options.separator === 'auto' ? detectSeparator(text) : options.separator;
	let records: string[][];
	try {
		records = parse(text, { delimiter: separator, skip_empty_lines: true, bom: true }) as string[][];
	} catch (error) {
		throw csvError(error, text, where);
	}
	if (records.length === 0) throw new TemplateError(`${where}the file is empty`, 1);
	const header = records[0].map((h) => h.trim());
	if (records.length === 1) throw new TemplateError(`${where}line 2: the file has a header but no rows`, 2);
	const emptyHeader = header.findIndex((h) => h === '');
	if (emptyHeader >= 0) throw new TemplateError(`${where}line 1: column ${emptyHeader + 1} has no name`, 1);

	const priceIndex = findColumn(header, options.priceColumn, PRICE_HEADER, 'price', where);
	if (priceIndex < 0) {
		throw new TemplateError(
			`${where}line 1: no price column found (looked for a header starting with "Цена", "Стоимость" or "Price"); name it in the option "Price Column". The columns are: ${header.map((h) => `"${h}"`).join(', ')}`,
			1,
		);
	}
	const quantityIndex = options.quantityColumn === '' ? -1 : findColumn(header, options.quantityColumn, QUANTITY_HEADER, 'quantity', where);
	const ignored = new Set((options.ignoreColumns ?? []).map((c) => c.trim().toLowerCase()).filter(Boolean));
	const parameterIndexes: number[] = [];
	header.forEach((h, index) => {
		if (index !== priceIndex && index !== quantityIndex && !ignored.has(h.toLowerCase())) parameterIndexes.push(index);
	});

	const valueSets = parameterIndexes.map(() => new Set<string>());
	const quantities = new Set<number>();
	const rows: Array<Array<string | number>> = new Array(records.length - 1);
	for (let r = 1; r < records.length; r++) {
		const record = records[r];
		const row: Array<string | number> = new Array(parameterIndexes.length + (quantityIndex >= 0 ? 2 : 1));
		for (let p = 0; p < parameterIndexes.length; p++) {
			const value = record[parameterIndexes[p]].trim();
			row[p] = value;
			valueSets[p].add(value);
		}
		let k = parameterIndexes.length;
		if (quantityIndex >= 0) {
			const quantity = parseNumber(record[quantityIndex]);
			if (quantity === undefined || quantity <= 0) {
				const line = lineOfRecord(text, separator, r);
				throw new TemplateError(`${where}line ${line}: quantity "${record[quantityIndex]}" in column "${header[quantityIndex]}" is not a positive number`, line);
			}
			row[k++] = quantity;
			quantities.add(quantity);
		}
		const price = parseNumber(record[priceIndex]);
		if (price === undefined || price < 0) {
			const line = lineOfRecord(text, separator, r);
			throw new TemplateError(`${where}line ${line}: price "${record[priceIndex]}" in column "${header[priceIndex]}" is not a number`, line);
		}
		row[k] = price;
		rows[r - 1] = row;
	}

	const template: Template = {
		fileName: options.fileName,
		encoding,
		separator,
		choices: rows.length,
		priceColumn: header[priceIndex],
		quantityColumn: quantityIndex >= 0 ? header[quantityIndex] : undefined,
		parameters: parameterIndexes.map((index, p) => ({ name: header[index], values: [...valueSets[p]] })),
		quantities: quantityIndex >= 0 ? [...quantities].sort((a, b) => a - b) : undefined,
		columns: [...parameterIndexes.map((i) => header[i]), ...(quantityIndex >= 0 ? [header[quantityIndex]] : []), header[priceIndex]],
		rows,
	};
	if (template.fileName === undefined) delete template.fileName;
	if (template.quantityColumn === undefined) delete template.quantityColumn;
	if (template.quantities === undefined) delete template.quantities;
	return template;
}

/**
 * Keeps only the rows whose parameters take one of the chosen values (the guide's "restrict
 * parameters to chosen values"). Unknown parameters or values are errors naming the valid ones.
 */
export function restrictTemplate(template: Template, restrictions: Array<{ parameter: string; value: string }>): Template {
	if (restrictions.length === 0) return template;
	const allowed = new Map<number, Set<string>>();
	for (const { parameter, value } of restrictions) {
		const index = template.parameters.findIndex((p) => p.name.toLowerCase() === parameter.trim().toLowerCase());
		if (index < 0) {
			throw new TemplateError(`restriction: the template has no parameter "${parameter}"; its parameters are: ${template.parameters.map((p) => `"${p.name}"`).join(', ')}`);
		}
		const param = template.parameters[index];
		const match = param.values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
		if (match === undefined) {
			throw new TemplateError(`restriction: parameter "${param.name}" has no value "${value}"; its values are: ${param.values.map((v) => `"${v}"`).join(', ')}`);
		}
		if (!allowed.has(index)) allowed.set(index, new Set());
		allowed.get(index)!.add(match);
	}
	const rows = template.rows.filter((row) => [...allowed].every(([index, values]) => values.has(row[index] as string)));
	const parameters = template.parameters.map((p, index) => {
		const present = allowed.get(index) ?? new Set(rows.map((row) => row[index] as string));
		return { name: p.name, values: p.values.filter((v) => present.has(v)) };
	});
	const result: Template = { ...template, rows, choices: rows.length, parameters };
	if (template.quantities) {
		const q = template.parameters.length;
		const present = new Set(rows.map((row) => row[q] as number));
		result.quantities = template.quantities.filter((quantity) => present.has(quantity));
	}
	return result;
}

/** Checks that a JSON value (e.g. an earlier Parse output) is a template. */
export function asTemplate(value: unknown): Template | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const t = value as Template;
	if (!Array.isArray(t.parameters) || !Array.isArray(t.rows) || !Array.isArray(t.columns) || typeof t.priceColumn !== 'string') return undefined;
	return t;
}

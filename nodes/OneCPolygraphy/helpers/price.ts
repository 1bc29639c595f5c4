import type { Template } from './template';
import { TemplateError } from './template';

export type PriceMeaning = 'unit' | 'run';

export interface PriceQuery {
	/** Parameter name -> value (names and values compared without case and outer spaces). */
	values: Record<string, string>;
	quantity?: number;
	/** For templates with runs: whether the price is per piece ('unit') or for the whole run ('run'). */
	priceMeans: PriceMeaning;
}

export interface PriceResult {
	parameters: Record<string, string>;
	quantity: number;
	/** The template run used (the largest run not above the quantity), when the template has runs. */
	run?: number;
	/** The template's price in the matched row. */
	templatePrice: number;
	unitPrice: number;
	total: number;
}

const norm = (s: string) => s.trim().toLowerCase();
const round2 = (n: number) => Math.round(n * 100) / 100;

function listValues(values: string[], max = 15): string {
	const shown = values.slice(0, max).map((v) => `"${v}"`).join(', ');
	return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/**
 * Finds the price for the given parameter values. A value or combination that is not in the
 * template throws an error that lists the nearest valid choices: the rows that differ from the
 * request in the fewest parameters, shown as the values to change.
 */
export function lookupPrice(template: Template, query: PriceQuery): PriceResult {
	const paramCount = template.parameters.length;
	const hasRuns = template.quantityColumn !== undefined;
	const wanted: string[] = new Array(paramCount);
	const given = new Map<string, string>();
	for (const [name, value] of Object.entries(query.values)) given.set(norm(name), String(value));
	for (const name of given.keys()) {
		if (!template.parameters.some((p) => norm(p.name) === name)) {
			throw new TemplateError(`the template has no parameter "${name}"; its parameters are: ${template.parameters.map((p) => `"${p.name}"`).join(', ')}`);
		}
	}
	const missing: string[] = [];
	template.parameters.forEach((p, i) => {
		const value = given.get(norm(p.name));
		if (value === undefined) missing.push(p.name);
		else wanted[i] = value;
	});
	if (missing.length > 0) {
		throw new TemplateError(
			`no value given for ${missing.map((m) => `"${m}"`).join(', ')}; ${missing.map((m) => `"${m}" is one of ${listValues(template.parameters.find((p) => p.name === m)!.values)}`).join('; ')}`,
		);
	}
	const unknown: string[] = [];
	template.parameters.forEach((p, i) => {
		const match = p.values.find((v) => norm(v) === norm(wanted[i]));
		if (match === undefined) unknown.push(`"${p.name}" has no value "${wanted[i]}" (values: ${listValues(p.values)})`);
		else wanted[i] = match;
	});
	if (unknown.length > 0) throw new TemplateError(unknown.join('; '));

	const quantity = query.quantity ?? (hasRuns ? undefined : 1);
	if (quantity === undefined) throw new TemplateError(`the template has runs (column "${template.quantityColumn}"), so a quantity is needed`);
	if (!(quantity > 0)) throw new TemplateError(`quantity must be a positive number, got ${quantity}`);

	// Rows of the exact combination, and the nearest rows for the error message.
	let best = Infinity;
	let nearest: Array<Array<string | number>> = [];
	const exact: Array<Array<string | number>> = [];
	for (const row of template.rows) {
		let diff = 0;
		for (let i = 0; i < paramCount && diff <= best; i++) if (row[i] !== wanted[i]) diff++;
		if (diff === 0) exact.push(row);
		else if (diff < best) {
			best = diff;
			nearest = [row];
		} else if (diff === best && nearest.length < 200) nearest.push(row);
	}
	const asked = template.parameters.map((p, i) => `${p.name}=${wanted[i]}`).join(', ');
	if (exact.length === 0) {
		const suggestions = new Set<string>();
		for (const row of nearest) {
			const change = template.parameters.flatMap((p, i) => (row[i] !== wanted[i] ? [`${p.name}="${row[i]}"`] : [])).join(' and ');
			suggestions.add(change);
			if (suggestions.size >= 10) break;
		}
		throw new TemplateError(`the combination ${asked} is not in the template; nearest valid choices change ${[...suggestions].join(' | ')}`);
	}
	const priceIndex = template.columns.length - 1;
	if (!hasRuns) {
		// Without runs the template price is the price of one piece.
		const templatePrice = exact[0][priceIndex] as number;
		return { parameters: named(template, wanted), quantity, templatePrice, unitPrice: round2(templatePrice), total: round2(templatePrice * quantity) };
	}
	// Tier pricing: the largest run not above the quantity.
	let tier: Array<string | number> | undefined;
	for (const row of exact) {
		const run = row[paramCount] as number;
		if (run <= quantity && (!tier || run > (tier[paramCount] as number))) tier = row;
	}
	if (!tier) {
		const runs = [...new Set(exact.map((row) => row[paramCount] as number))].sort((a, b) => a - b);
		throw new TemplateError(`quantity ${quantity} is below the smallest run for ${asked}; runs: ${runs.join(', ')}`);
	}
	const run = tier[paramCount] as number;
	const templatePrice = tier[priceIndex] as number;
	const total = query.priceMeans === 'unit' ? templatePrice * quantity : (templatePrice / run) * quantity;
	return { parameters: named(template, wanted), quantity, run, templatePrice, unitPrice: round2(total / quantity), total: round2(total) };
}

function named(template: Template, values: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	template.parameters.forEach((p, i) => (out[p.name] = values[i]));
	return out;
}

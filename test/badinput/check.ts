/** Reads a Continue-on-Fail run item by item and lists what breaks the bad-input promise. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { RunNodeResult } from '../helpers/engine';
import type { Expectation } from './corpus';

export interface Slot {
	index: number;
	name: string;
	expect: Expectation | 'good';
	/** The field the error must name (text or pattern); undefined: any. */
	field?: string | RegExp;
	/** Whether the item's effect is visible in the target (fake state or output); checked for good and ok items. */
	arrived?: () => boolean;
}

function pairedIndexes(item: INodeExecutionData): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((p) => p.item);
}

export function byItem(result: RunNodeResult): Map<number, IDataObject[]> {
	const map = new Map<number, IDataObject[]>();
	for (const items of result.outputs) {
		for (const item of items) {
			for (const index of pairedIndexes(item)) map.set(index, [...(map.get(index) ?? []), item.json]);
		}
	}
	return map;
}

const short = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/** Problems with a Continue-on-Fail run (empty when every item behaved). */
export function problems(result: RunNodeResult, slots: Slot[]): string[] {
	const out: string[] = [];
	if (result.error) out.push(`the node failed as a whole: ${short(result.error.message)}`);
	const items = byItem(result);
	for (const slot of slots) {
		const jsons = items.get(slot.index) ?? [];
		const errors = jsons.map((j) => j.error).filter((e): e is string => typeof e === 'string' || (e !== undefined && e !== null));
		const errorText = errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(' | ');
		const label = `item ${slot.index} (${slot.name})`;
		if (slot.expect === 'good' || slot.expect === 'ok') {
			if (errors.length) out.push(`${label} should go through, got error: ${short(errorText)}`);
			else if (slot.arrived && !slot.arrived()) out.push(`${label} did not arrive`);
			continue;
		}
		if (slot.expect === 'either' && errors.length === 0) continue;
		if (errors.length === 0) {
			out.push(`${label} should fail, got ${jsons.length ? short(JSON.stringify(jsons)) : 'no output item'}`);
			continue;
		}
		if (!new RegExp(`\\bItem ${slot.index}\\b`).test(errorText)) out.push(`${label}: error does not name "Item ${slot.index}": ${short(errorText)}`);
		if (slot.field !== undefined) {
			const named = typeof slot.field === 'string' ? errorText.includes(slot.field) : slot.field.test(errorText);
			if (!named) out.push(`${label}: error does not name field ${String(slot.field)}: ${short(errorText)}`);
		}
		if (errorText.length > 2000) out.push(`${label}: error is ${errorText.length} characters long (echoes the input?)`);
	}
	return out;
}

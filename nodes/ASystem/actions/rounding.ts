import type { INodeProperties } from 'n8n-workflow';

/** The calculator's rounding setting: none, or to 1 / 10 / 100 roubles, up or to the nearest. */
export type Rounding = 'none' | 'nearest1' | 'nearest10' | 'nearest100' | 'up1' | 'up10' | 'up100';

export const roundingProperty: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Rounding',
	name: 'rounding',
	type: 'options',
	default: 'none',
	// Sorted alphabetically, as n8n's lint asks.
	options: [
		{ name: 'None (Keep Kopecks)', value: 'none' },
		{ name: 'To Nearest 1', value: 'nearest1' },
		{ name: 'To Nearest 10', value: 'nearest10' },
		{ name: 'To Nearest 100', value: 'nearest100' },
		{ name: 'Up to 1', value: 'up1' },
		{ name: 'Up to 10', value: 'up10' },
		{ name: 'Up to 100', value: 'up100' },
	],
	description: 'How the price is rounded, as in the calculator settings of the product',
};

export function applyRounding(price: number, rounding: string): number {
	const match = /^(nearest|up)(1|10|100)$/.exec(rounding);
	if (!match) return Math.round(price * 100) / 100;
	const step = Number(match[2]);
	// Work in kopecks first so 12.3 * 100 style float noise cannot push a value over a step.
	const cents = Math.round(price * 100);
	const stepCents = step * 100;
	const rounded = match[1] === 'up' ? Math.ceil(cents / stepCents) * stepCents : Math.round(cents / stepCents) * stepCents;
	return rounded / 100;
}

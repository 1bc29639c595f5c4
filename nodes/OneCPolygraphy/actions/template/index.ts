import type { INodeProperties } from 'n8n-workflow';
import * as getPrice from './getPrice.operation';
import * as parse from './parse.operation';

export { getPrice, parse };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{ name: 'Get Price', value: 'getPrice', action: 'Get a price from a template', description: 'Price of an item for given parameter values and quantity' },
			{ name: 'Parse', value: 'parse', action: 'Parse a template file', description: 'Read a 1C:Polygraphy template (.csv) into parameters, values and prices' },
		],
		default: 'parse',
	},
	...parse.description,
	...getPrice.description,
];

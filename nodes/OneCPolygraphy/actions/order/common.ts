import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Order } from '../../../shared/order';
import { readOrder } from '../../../shared/order';
import type { CommerceMlOptions } from '../../helpers/commerceml';
import type { TemplateSource } from '../../helpers/load';
import { asNodeError, itemError } from '../../helpers/load';
import type { PriceMeaning } from '../../helpers/price';
import { lookupPrice } from '../../helpers/price';
import { TemplateError } from '../../helpers/template';
import { priceMeansField, templateParseOptions, templateSourceFields } from '../fields';

/** Fields both order operations show: file encoding, currency, template prices. */
export function documentFields(operation: string): INodeProperties[] {
	const show = { show: { resource: ['order'], operation: [operation] } };
	const withTemplate = { show: { ...show.show, pricesFromTemplate: [true] } };
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: show,
			description: 'Name of the binary property for the CommerceML file',
		},
		{
			displayName: 'File Encoding',
			name: 'fileEncoding',
			type: 'options',
			default: 'windows-1251',
			displayOptions: show,
			options: [
				{ name: 'UTF-8', value: 'utf-8' },
				{ name: 'Windows-1251', value: 'windows-1251', description: 'What 1C itself writes; characters outside it become XML character references' },
			],
		},
		{
			displayName: 'Currency in 1C',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'руб',
			displayOptions: show,
			description: 'The currency as written in 1C (Валюта); empty: the order\'s currency code (e.g. RUB)',
		},
		{
			displayName: 'Prices From Template',
			name: 'pricesFromTemplate',
			type: 'boolean',
			default: false,
			displayOptions: show,
			description: 'Whether to price each order line from a 1C:Polygraphy template, by the line\'s options (sku names = template parameters) and quantity',
		},
		...templateSourceFields(withTemplate),
		priceMeansField(withTemplate),
		templateParseOptions({ show: { ...withTemplate.show, templateSource: ['binary'] } }),
	];
}

export function documentOptions(ctx: IExecuteFunctions, itemIndex: number): CommerceMlOptions {
	return {
		encoding: ctx.getNodeParameter('fileEncoding', itemIndex, 'windows-1251') as CommerceMlOptions['encoding'],
		currency: (ctx.getNodeParameter('currency', itemIndex, '') as string).trim() || undefined,
		timeZone: ctx.getTimezone(),
		generatedAt: new Date(),
	};
}

/** Reads the item's Order and, when asked, prices its lines from the template. */
export async function orderOf(ctx: IExecuteFunctions, itemIndex: number, templates: TemplateSource): Promise<Order> {
	const order = readOrder(ctx.getInputData()[itemIndex].json, ctx.getNode(), itemIndex);
	if (!(ctx.getNodeParameter('pricesFromTemplate', itemIndex, false) as boolean)) return order;
	const template = await templates.get(itemIndex);
	const priceMeans = ctx.getNodeParameter('priceMeans', itemIndex, 'run') as PriceMeaning;
	order.items = order.items.map((line, index) => {
		try {
			const values = Object.fromEntries(line.sku.map((o) => [o.name, o.value]));
			const price = lookupPrice(template, { values, quantity: line.quantity, priceMeans });
			return { ...line, price: price.unitPrice, total: price.total };
		} catch (error) {
			if (error instanceof TemplateError) throw itemError(ctx, itemIndex, `order field "items[${index}].sku": ${error.message}`);
			throw asNodeError(ctx, error, itemIndex);
		}
	});
	// The order total follows the new line prices.
	const lines = order.items.reduce((sum, line) => sum + line.total, 0);
	order.prices = { ...order.prices, total: Math.round((lines + (order.delivery?.price ?? order.prices.delivery) - order.prices.discount) * 100) / 100 };
	return order;
}

/** Items a source emits when it found nothing ("Always Output Data") are not orders. */
export function isEmptyItem(json: object): boolean {
	return Object.keys(json).length === 0;
}

/** An error item of a node set to continue on error: `{ error: ... }` without an order id. */
export function isErrorItem(json: Record<string, unknown>): boolean {
	return 'error' in json && json.id === undefined;
}

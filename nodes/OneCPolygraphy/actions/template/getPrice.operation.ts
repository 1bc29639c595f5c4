import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { TemplateSource } from '../../helpers/load';
import { asNodeError, itemError } from '../../helpers/load';
import type { PriceMeaning } from '../../helpers/price';
import { lookupPrice } from '../../helpers/price';
import { TemplateError } from '../../helpers/template';
import { priceMeansField, templateParseOptions, templateSourceFields } from '../fields';

const show = { show: { resource: ['template'], operation: ['getPrice'] } };

export const description: INodeProperties[] = [
	...templateSourceFields(show),
	{
		displayName: 'Parameter Values',
		name: 'parameterValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add parameter value',
		default: {},
		displayOptions: show,
		description: 'One value for each parameter of the template (names as in the template header)',
		options: [
			{
				displayName: 'Value',
				name: 'value',
				values: [
					{ displayName: 'Parameter', name: 'name', type: 'string', default: '', placeholder: 'Формат' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'A4 (210x297)' },
				],
			},
		],
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		displayOptions: show,
		description: 'Pieces ordered; with a run column, the largest run not above it is used',
	},
	priceMeansField(show),
	templateParseOptions({ show: { ...show.show, templateSource: ['binary'] } }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, templates: TemplateSource): Promise<INodeExecutionData[]> {
	const template = await templates.get(itemIndex);
	const entries = ((this.getNodeParameter('parameterValues', itemIndex, {}) as IDataObject).value ?? []) as Array<{ name: string; value: string }>;
	const values: Record<string, string> = {};
	for (const entry of entries) if (entry.name) values[entry.name] = String(entry.value ?? '');
	const givenQuantity = this.getNodeParameter('quantity', itemIndex, 1) as unknown;
	const quantity = typeof givenQuantity === 'string' && givenQuantity.trim() !== '' ? Number(givenQuantity.replace(',', '.')) : givenQuantity;
	if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
		const text = String(typeof givenQuantity === 'object' ? JSON.stringify(givenQuantity) : givenQuantity);
		throw itemError(this, itemIndex, `field "Quantity" must be a positive number, got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`);
	}
	const priceMeans = this.getNodeParameter('priceMeans', itemIndex, 'run') as PriceMeaning;
	try {
		const price = lookupPrice(template, { values, quantity, priceMeans });
		const item = this.getInputData()[itemIndex];
		return [{ json: { ...item.json, price } as unknown as IDataObject, pairedItem: { item: itemIndex } }];
	} catch (error) {
		if (error instanceof TemplateError) throw itemError(this, itemIndex, `Template "${template.fileName ?? 'template'}": ${error.message}`);
		throw asNodeError(this, error, itemIndex);
	}
}

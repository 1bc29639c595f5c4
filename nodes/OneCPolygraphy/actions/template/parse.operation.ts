import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { asNodeError, itemError, templateFromBinary } from '../../helpers/load';
import { restrictTemplate, TemplateError } from '../../helpers/template';
import { templateParseOptions } from '../fields';

const show = { show: { resource: ['template'], operation: ['parse'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Binary Property',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show,
		description: 'Name of the binary property holding the template file (.csv) exported from 1C:Polygraphy',
	},
	{
		displayName: 'Include Rows',
		name: 'includeRows',
		type: 'boolean',
		default: true,
		displayOptions: show,
		description: 'Whether to output every row (needed by Get Price with the template taken from JSON); off: only parameters and counts',
	},
	{
		displayName: 'Restrict Parameters',
		name: 'restrictions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add allowed value',
		default: {},
		displayOptions: show,
		description: 'Keep only rows whose parameter takes one of the chosen values (several entries for one parameter allow several values)',
		options: [
			{
				displayName: 'Allowed Value',
				name: 'value',
				values: [
					{ displayName: 'Parameter', name: 'parameter', type: 'string', default: '', placeholder: 'Формат' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'A3 (297x420)' },
				],
			},
		],
	},
	templateParseOptions(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const includeRows = this.getNodeParameter('includeRows', itemIndex, true) as boolean;
	const restrictions = ((this.getNodeParameter('restrictions', itemIndex, {}) as IDataObject).value ?? []) as Array<{ parameter: string; value: string }>;
	let template = await templateFromBinary(this, itemIndex, property);
	try {
		template = restrictTemplate(
			template,
			restrictions.filter((r) => r.parameter),
		);
	} catch (error) {
		if (error instanceof TemplateError) throw itemError(this, itemIndex, `Template "${template.fileName ?? property}": ${error.message}`);
		throw asNodeError(this, error, itemIndex);
	}
	const json: IDataObject = { ...template } as unknown as IDataObject;
	if (!includeRows) {
		delete json.rows;
		delete json.columns;
	}
	return [{ json, pairedItem: { item: itemIndex } }];
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ENDPOINTS, readCalculation, writeCalculation } from '../../transport/contract';
import { asystemRequest, readAnswer } from '../../transport';
import { applyRounding, roundingProperty } from '../rounding';
import type { RunContext } from '../templates';
import { emptyValues, findParameter, getTemplate, templateIdProperty, valueToText } from '../templates';

const show = { resource: ['calculator'], operation: ['price'] };

/** The ASystem calculator: the price of a template for the given parameter values. */
export const description: INodeProperties[] = [
	templateIdProperty('calculator', 'price'),
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show },
		description: 'Values of the template parameters; parameters left out take the template defaults',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Template Parameter Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTemplateParameters', loadOptionsDependsOn: ['templateId'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						hint: 'An expression gives "order:Name", "detail:Name", "operation:Name" or a bare parameter name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{ ...roundingProperty, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const templateId = String(this.getNodeParameter('templateId', itemIndex, ''));
	const template = await getTemplate(this, run, templateId, itemIndex);
	const values = emptyValues();
	const entries = this.getNodeParameter('parameters.parameter', itemIndex, []) as IDataObject[];
	for (const entry of entries) {
		const key = String(entry.name ?? '');
		if (!key.trim()) continue;
		const found = findParameter(template, key);
		if (!found) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: field "Parameters" names "${key}", which ASystem template "${template.name}" (ID ${template.id}) does not have`, {
				itemIndex,
			});
		}
		const value = valueToText(entry.value);
		if (value !== undefined) values[found.group][found.parameter.name] = value;
	}
	const endpoint = ENDPOINTS.calculate;
	const body = await asystemRequest(this, { ...endpoint, body: writeCalculation(template.id, values), retry: 'always', itemIndex });
	const calculation = readAnswer(this, { ...endpoint, itemIndex }, body, readCalculation);
	const rounding = this.getNodeParameter('rounding', itemIndex, 'none') as string;
	return {
		templateId: template.id,
		templateName: template.name,
		price: calculation.price,
		roundedPrice: applyRounding(calculation.price, rounding),
		rounding,
		currency: calculation.currency,
		orderParameters: values.order,
		detailParameters: values.detail,
		operationParameters: values.operation,
	};
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Order } from '../../../shared/order';
import { commerceMlFile, documentSum } from '../../helpers/commerceml';
import type { TemplateSource } from '../../helpers/load';
import { asNodeError } from '../../helpers/load';
import { documentFields, documentOptions, isEmptyItem, orderOf } from './common';

const show = { show: { resource: ['order'], operation: ['build'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'perOrder',
		displayOptions: show,
		options: [
			{ name: 'One File for All Orders', value: 'all', description: 'A single document file holding every input order' },
			{ name: 'One File per Order', value: 'perOrder' },
		],
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: 'orders.xml',
		displayOptions: { show: { ...show.show, output: ['all'] } },
	},
	...documentFields('build'),
];

function summary(order: Order) {
	return { id: order.id, number: order.number, sum: documentSum(order), lines: order.items.length };
}

/** Builds CommerceML files; errors of single orders go to Continue on Fail items. */
export async function execute(this: IExecuteFunctions, templates: TemplateSource): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output = this.getNodeParameter('output', 0, 'perOrder') as string;
	const out: INodeExecutionData[] = [];
	const collected: Array<{ order: Order; index: number }> = [];
	for (let i = 0; i < items.length; i++) {
		if (isEmptyItem(items[i].json)) continue;
		try {
			const order = await orderOf(this, i, templates);
			if (output === 'all') {
				collected.push({ order, index: i });
				continue;
			}
			const property = this.getNodeParameter('binaryPropertyName', i, 'data') as string;
			const file = commerceMlFile([order], documentOptions(this, i));
			const binary = await this.helpers.prepareBinaryData(file, `order-${order.number.replace(/[^\w.-]+/g, '_')}.xml`, 'application/xml');
			out.push({ json: { order: summary(order) }, binary: { [property]: binary }, pairedItem: { item: i } });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, i);
			out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	if (output === 'all' && collected.length > 0) {
		const property = this.getNodeParameter('binaryPropertyName', 0, 'data') as string;
		const file = commerceMlFile(
			collected.map((c) => c.order),
			documentOptions(this, 0),
		);
		const binary = await this.helpers.prepareBinaryData(file, this.getNodeParameter('fileName', 0, 'orders.xml') as string, 'application/xml');
		out.unshift({
			json: { orders: collected.map((c) => summary(c.order)), count: collected.length },
			binary: { [property]: binary },
			pairedItem: collected.map((c) => ({ item: c.index })),
		});
	}
	return out;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RunContext } from '../templates';
import { getTemplate, templateIdProperty } from '../templates';

/** One template with its three parameter groups: order, detail and operation parameters. */
export const description: INodeProperties[] = [templateIdProperty('template', 'get')];

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const templateId = String(this.getNodeParameter('templateId', itemIndex, ''));
	const template = await getTemplate(this, run, templateId, itemIndex);
	return {
		id: template.id,
		name: template.name,
		orderParameters: template.parameters.order.map((p) => ({ ...p })),
		detailParameters: template.parameters.detail.map((p) => ({ ...p })),
		operationParameters: template.parameters.operation.map((p) => ({ ...p })),
	};
}

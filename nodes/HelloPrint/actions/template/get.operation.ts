/** One template with its parameters (name, type, required, choices, default). */
import type { IExecuteFunctions } from 'n8n-workflow';

import { getTemplate } from '../../transport';
import type { ExecutionScope } from '../common';
import { itemFailure, showFor } from '../common';

export const description = showFor('template', 'get', [
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
]);

export async function runItem(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope) {
	const id = String(this.getNodeParameter('templateId', itemIndex, '') ?? '').trim();
	if (!id) itemFailure(this, itemIndex)('field "Template" is empty: choose a template or give its ID');
	return await getTemplate(this, scope.conn, id);
}

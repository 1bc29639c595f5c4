import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ENDPOINTS, readTemplateList } from '../../transport/contract';
import { asystemRequest, readAnswer } from '../../transport';

/** The guide's "Synchronise templates with the ASystem server": one output item per template. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const endpoint = ENDPOINTS.listTemplates;
	const body = await asystemRequest(this, { ...endpoint, retry: 'always', itemIndex });
	return readAnswer(this, { ...endpoint, itemIndex }, body, readTemplateList).map((t) => ({ ...t }));
}

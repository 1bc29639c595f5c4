import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { ENDPOINTS, PARAMETER_GROUPS, readTemplate, readTemplateList } from '../transport/contract';
import { asystemRequest, readAnswer } from '../transport';

/** The templates of the ASystem server ("Synchronise templates"). */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const endpoint = ENDPOINTS.listTemplates;
	const body = await asystemRequest(this, { ...endpoint, retry: 'always' });
	return readAnswer(this, endpoint, body, readTemplateList)
		.map((t) => ({ name: t.name || t.id, value: t.id, description: `ID ${t.id}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The parameters of the chosen template, as "Order: Name", "Detail: Name", "Operation: Name". */
export async function getTemplateParameters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templateId = String(this.getCurrentNodeParameter('templateId') ?? '');
	if (!templateId) return [];
	const endpoint = ENDPOINTS.getTemplate(templateId);
	const body = await asystemRequest(this, { ...endpoint, retry: 'always' });
	const template = readAnswer(this, endpoint, body, readTemplate);
	const options: INodePropertyOptions[] = [];
	for (const { group, label } of PARAMETER_GROUPS) {
		for (const p of template.parameters[group]) {
			const details = [p.type, p.required ? 'required' : 'optional', p.values?.length ? `values: ${p.values.join(', ')}` : ''].filter(Boolean).join('; ');
			options.push({ name: `${label}: ${p.name}`, value: `${group}:${p.name}`, description: details });
		}
	}
	return options;
}

/** Dropdowns filled from the live HelloPrint: the guide's "Refresh data lists" is reopening them. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ListEntry, ListName } from '../transport/contract';
import { HelloPrintError, toNodeApiError } from '../transport/errors';
import { connect, getList, getTemplate } from '../transport';

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name, 'ru');
}

function asOption(entry: ListEntry): INodePropertyOptions {
	const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : `#${entry.id}`;
	return { name, value: entry.id };
}

async function guarded<T>(ctx: ILoadOptionsFunctions, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		throw error instanceof HelloPrintError ? toNodeApiError(ctx.getNode(), error) : new NodeOperationError(ctx.getNode(), error as Error);
	}
}

async function listOptions(ctx: ILoadOptionsFunctions, list: ListName): Promise<INodePropertyOptions[]> {
	return await guarded(ctx, async () => {
		const conn = await connect(ctx);
		return (await getList(ctx, conn, list)).map(asOption).sort(byName);
	});
}

export async function getManagers(this: ILoadOptionsFunctions) {
	return await listOptions(this, 'managers');
}

export async function getCompanies(this: ILoadOptionsFunctions) {
	return await listOptions(this, 'companies');
}

export async function getTechSites(this: ILoadOptionsFunctions) {
	return await listOptions(this, 'techSites');
}

export async function getOrderSources(this: ILoadOptionsFunctions) {
	return await listOptions(this, 'orderSources');
}

export async function getTemplates(this: ILoadOptionsFunctions) {
	return await listOptions(this, 'templates');
}

export async function getTemplatesOrNone(this: ILoadOptionsFunctions) {
	return [{ name: '- No Template -', value: '' }, ...(await listOptions(this, 'templates'))];
}

/** The chosen template's parameters, required ones marked. */
export async function getTemplateParameters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templateId = String(this.getCurrentNodeParameter('templateId') ?? '').trim();
	if (!templateId || templateId.startsWith('=')) return [];
	return await guarded(this, async () => {
		const template = await getTemplate(this, await connect(this), templateId);
		return template.parameters.map((p) => ({
			name: p.required ? `${p.name} (required)` : p.name,
			value: p.id,
			description: [p.type, Array.isArray(p.options) && p.options.length ? `one of: ${p.options.join(', ')}` : '', p.default ? `default: ${p.default}` : '']
				.filter(Boolean)
				.join('; '),
		}));
	});
}

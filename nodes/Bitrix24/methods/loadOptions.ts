import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { stageEntityId } from '../actions/funnel/stages';
import { getBitrix24Client } from '../transport';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

async function stagesOf(ctx: ILoadOptionsFunctions, funnelId: unknown): Promise<INodePropertyOptions[]> {
	const client = await getBitrix24Client(ctx);
	const rows = await client.call<IDataObject[]>('crm.status.list', { filter: { ENTITY_ID: stageEntityId(String(funnelId ?? '0')) }, order: { SORT: 'ASC' } });
	return (rows ?? []).map((row) => ({ name: String(row.NAME), value: String(row.STATUS_ID), description: String(row.STATUS_ID) }));
}

function currentParameter(ctx: ILoadOptionsFunctions, path: string): unknown {
	try {
		return ctx.getCurrentNodeParameter(path);
	} catch {
		return undefined;
	}
}

/** Dropdowns filled from the live portal. */
export const loadOptions = {
	async getFunnels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const client = await getBitrix24Client(this);
		const result = await client.call<IDataObject>('crm.category.list', { entityTypeId: 2 });
		const funnels = ((result?.categories as IDataObject[] | undefined) ?? []).map((c) => ({ name: String(c.name), value: String(c.id) }));
		if (!funnels.some((f) => f.value === '0')) funnels.unshift({ name: 'General (Default)', value: '0' });
		return funnels;
	},

	/** Stages of the funnel chosen in the "Funnel" parameter. */
	async getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await stagesOf(this, currentParameter(this, 'funnelId') ?? '0');
	},

	/** Stages of the funnel chosen inside the "Fields" collection of a deal. */
	async getStagesOfFieldFunnel(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await stagesOf(this, currentParameter(this, 'fields.categoryId') ?? '0');
	},

	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const client = await getBitrix24Client(this);
		const users: INodePropertyOptions[] = [];
		for (let start = 0, pages = 0; start !== undefined && pages < 20; pages++) {
			const envelope = await client.callEnvelope('user.get', { filter: { ACTIVE: true }, start });
			for (const user of (envelope.result as IDataObject[] | undefined) ?? []) {
				const name = [user.NAME, user.LAST_NAME].filter(Boolean).join(' ') || String(user.EMAIL ?? user.ID);
				users.push({ name, value: String(user.ID) });
			}
			if (envelope.next === undefined) break;
			start = envelope.next;
		}
		return users.sort(byName);
	},

	async getSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const client = await getBitrix24Client(this);
		const rows = await client.call<IDataObject[]>('crm.status.list', { filter: { ENTITY_ID: 'SOURCE' }, order: { SORT: 'ASC' } });
		return (rows ?? []).map((row) => ({ name: String(row.NAME), value: String(row.STATUS_ID) }));
	},

	async getCurrencies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const client = await getBitrix24Client(this);
		const rows = await client.call<IDataObject[]>('crm.currency.list', {});
		return (rows ?? []).map((row) => ({ name: `${row.CURRENCY}${row.FULL_NAME ? ` (${row.FULL_NAME})` : ''}`, value: String(row.CURRENCY) }));
	},
};

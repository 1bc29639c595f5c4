import type { IDataObject } from 'n8n-workflow';

import { readOrder } from '../../../shared/order';
import { asNodeError } from '../executor';
import type { CustomOperation } from '../types';
import { planLookups, readLookups } from './export/lookups';
import type { PreparedOrder } from './export/prepared';
import { identify } from './export/prepared';
import type { ExportSettings } from './export/settings';

const show = { resource: ['company'], operation: ['sendToBitrix24'] };

/**
 * The guide's manual "Send to Bitrix24" button for an organisation: creates the company (with
 * its INN as a requisite) only when Bitrix24 does not have it yet, and returns its id.
 */
export const sendCompanyToBitrix24: CustomOperation = {
	kind: 'custom',
	description: [
		{
			displayName: 'Each input item must be an Order item, or an object with a "customer" of type "company" (companyName, inn, phone, email). The company is found by INN, then by name; it is created only when missing.',
			name: 'sendCompanyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
	],
	async execute(client) {
		const items = this.getInputData();
		const prepared: PreparedOrder[] = [];
		const output = new Map<number, IDataObject>();
		const registry = new Map<string, string>();
		const settings: ExportSettings = { funnelId: '0', statusToStage: new Map(), orderTypes: 'company', newClientsAsLeads: false, originatorId: 'pixlpark', titlePrefix: '', deliveryAsProductRow: false };
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const json = items[itemIndex].json;
				const order = readOrder({ id: `company-${itemIndex}`, createdAt: new Date(0).toISOString(), ...json, customer: { type: 'company', ...((json.customer as IDataObject) ?? {}) } }, this.getNode(), itemIndex);
				prepared.push({ itemIndex, order, settings, ...identify(order, registry) });
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.set(itemIndex, { error: nodeError.message });
			}
		}
		const lookups = await client.batch(planLookups(prepared).filter((c) => c.key.startsWith('k')));
		const existing = readLookups(prepared, lookups);
		const creations = new Map<string, PreparedOrder>();
		for (const p of prepared) if (!existing.companies.has(p.companyKey!) && !creations.has(p.companyKey!)) creations.set(p.companyKey!, p);
		const commands = [...creations.entries()].flatMap(([key, p]) => {
			const c = p.order.customer;
			const fields: IDataObject = { TITLE: c.companyName };
			if (c.phone) fields.PHONE = [{ VALUE: c.phone, VALUE_TYPE: 'WORK' }];
			if (c.email) fields.EMAIL = [{ VALUE: c.email, VALUE_TYPE: 'WORK' }];
			const list = [{ key: `${key}_add`, method: 'crm.company.add', params: { fields } }];
			if (c.inn) list.push({ key: `${key}_rq`, method: 'crm.requisite.add', params: { fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: `$result[${key}_add]`, PRESET_ID: 1, NAME: c.companyName, RQ_COMPANY_NAME: c.companyName, RQ_INN: c.inn } } });
			return list;
		});
		const created = await client.batch(commands);
		for (const p of prepared) {
			const key = p.companyKey!;
			const known = existing.companies.get(key);
			const outcome = created.get(`${key}_add`);
			if (known) output.set(p.itemIndex, { companyId: known, created: false });
			else if (outcome && !outcome.error) output.set(p.itemIndex, { companyId: String(outcome.result), created: creations.get(key) === p });
			else {
				const error = client.wrap(outcome?.transportError ?? new Error(`Item ${p.itemIndex}: Bitrix24 did not create the company: ${outcome?.error?.description ?? 'no answer'}`), p.itemIndex);
				if (!this.continueOnFail()) throw asNodeError(this, error, p.itemIndex);
				output.set(p.itemIndex, { error: error.message });
			}
		}
		return [...output.keys()].sort((a, b) => a - b).map((i) => ({ json: output.get(i)!, pairedItem: { item: i } }));
	},
};

import type { IDataObject } from 'n8n-workflow';

import type { BatchCommand } from '../../../transport';
import { dealTitle, personFields } from './content';
import type { Existing } from './lookups';
import type { PreparedOrder } from './prepared';
import type { OrderWrites } from './writes';

export const ref = (key: string) => `$result[${key}]`;

/** "New clients as leads": the order rides on a lead; a legal entity also gets a lead of its own. */
export function planLead(
	p: PreparedOrder,
	plan: OrderWrites,
	existing: Existing,
	parts: { common: IDataObject; rows: IDataObject[]; newComments: string[]; orderLead?: IDataObject; shared: (key: string, build: () => BatchCommand[]) => BatchCommand[] },
) {
	const { order, settings } = p;
	const i = p.itemIndex;
	const isCompany = order.customer.type === 'company';
	if (isCompany && p.companyKey) {
		const known = existing.companyLeads.get(p.companyKey);
		if (known) plan.ids.companyLead = known;
		else {
			const key = `${p.companyKey}_lead_add`;
			plan.commands.push(
				...parts.shared(key, () => [
					{
						key,
						method: 'crm.lead.add',
						params: { fields: { TITLE: order.customer.companyName, COMPANY_TITLE: order.customer.companyName, ORIGINATOR_ID: settings.originatorId, ORIGIN_ID: `company-${p.companyKey}`, ...(settings.sourceId ? { SOURCE_ID: settings.sourceId } : {}), ...(settings.responsibleId ? { ASSIGNED_BY_ID: settings.responsibleId } : {}) } },
					},
				]),
			);
			plan.sharedKeys.push(key);
			plan.ids.companyLead = ref(key);
			plan.created.companyLead = true;
		}
	}
	const fields: IDataObject = { ...parts.common, TITLE: dealTitle(order, settings) };
	let leadRef: string;
	if (parts.orderLead) {
		leadRef = String(parts.orderLead.ID);
		plan.commands.push({ key: `o${i}_lead_w`, method: 'crm.lead.update', params: { id: leadRef, fields } });
	} else {
		const person = personFields(order, settings);
		delete person.ORIGINATOR_ID;
		delete person.ORIGIN_ID;
		Object.assign(fields, person, { ORIGINATOR_ID: settings.originatorId, ORIGIN_ID: order.id });
		if (isCompany) fields.COMPANY_TITLE = order.customer.companyName;
		plan.commands.push({ key: `o${i}_lead_w`, method: 'crm.lead.add', params: { fields } });
		leadRef = ref(`o${i}_lead_w`);
		plan.created.lead = true;
	}
	plan.ids.lead = leadRef;
	plan.productRows = parts.rows.length;
	plan.rowsWritten = true;
	plan.commands.push({ key: `o${i}_rows`, method: 'crm.lead.productrows.set', params: { id: leadRef, rows: parts.rows } });
	parts.newComments.forEach((text, n) => plan.commands.push({ key: `o${i}_c${n}`, method: 'crm.timeline.comment.add', params: { fields: { ENTITY_ID: leadRef, ENTITY_TYPE: 'lead', COMMENT: text } } }));
}

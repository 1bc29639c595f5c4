import type { IDataObject } from 'n8n-workflow';

import type { BatchCommand, CommandOutcome } from '../../../transport';
import type { PreparedOrder } from './prepared';

/** What Bitrix24 already holds for the orders of one run. */
export interface Existing {
	deals: Map<number, IDataObject>;
	orderLeads: Map<number, IDataObject>;
	contacts: Map<string, string>;
	companies: Map<string, string>;
	companyLeads: Map<string, string>;
	/** Timeline texts already on each existing deal or lead, by order. */
	timeline: Map<number, Set<string>>;
	/** Product rows already on each existing deal, by order. */
	rows: Map<number, IDataObject[]>;
}

const DEAL_SELECT = ['ID', 'TITLE', 'STAGE_ID', 'CATEGORY_ID', 'OPPORTUNITY', 'IS_MANUAL_OPPORTUNITY', 'CURRENCY_ID', 'CONTACT_ID', 'COMPANY_ID', 'COMMENTS'];

function firstId(result: unknown, entityType: string, field = 'ID'): string | undefined {
	if (Array.isArray(result)) return result.length ? String((result[0] as IDataObject)[field]) : undefined;
	const ids = (result as IDataObject | undefined)?.[entityType] as unknown[] | undefined;
	return ids && ids.length ? String(ids[0]) : undefined;
}

/**
 * The look-ups of the first pass: each order's deal by ORIGINATOR_ID/ORIGIN_ID, each distinct
 * customer by phone, e-mail or its shop id, each distinct company by INN and name.
 */
export function planLookups(orders: PreparedOrder[]): BatchCommand[] {
	const commands: BatchCommand[] = [];
	const seen = new Set<string>();
	for (const p of orders) {
		const origin = { ORIGINATOR_ID: p.settings.originatorId, ORIGIN_ID: p.order.id };
		commands.push({ key: `o${p.itemIndex}_deal`, method: 'crm.deal.list', params: { filter: origin, select: DEAL_SELECT, order: { ID: 'ASC' }, start: -1 } });
		if (p.settings.newClientsAsLeads) {
			commands.push({ key: `o${p.itemIndex}_lead`, method: 'crm.lead.list', params: { filter: origin, select: ['ID', 'STATUS_ID'], start: -1 } });
		}
		const c = p.order.customer;
		if (p.personKey && !c.bitrix24ContactId && !seen.has(p.personKey)) {
			seen.add(p.personKey);
			const k = p.personKey;
			if (c.phone) commands.push({ key: `${k}_phone`, method: 'crm.duplicate.findbycomm', params: { type: 'PHONE', values: [c.phone], entity_type: 'CONTACT' } });
			if (c.email) commands.push({ key: `${k}_email`, method: 'crm.duplicate.findbycomm', params: { type: 'EMAIL', values: [c.email], entity_type: 'CONTACT' } });
			if (!c.phone && !c.email && c.id) {
				commands.push({ key: `${k}_origin`, method: 'crm.contact.list', params: { filter: { ORIGINATOR_ID: p.settings.originatorId, ORIGIN_ID: `customer-${c.id}` }, select: ['ID'], start: -1 } });
			}
		}
		if (p.companyKey && !c.bitrix24CompanyId && !seen.has(p.companyKey)) {
			seen.add(p.companyKey);
			const k = p.companyKey;
			if (c.inn) commands.push({ key: `${k}_inn`, method: 'crm.requisite.list', params: { filter: { RQ_INN: c.inn, ENTITY_TYPE_ID: 4 }, select: ['ENTITY_ID'], start: -1 } });
			commands.push({ key: `${k}_title`, method: 'crm.company.list', params: { filter: { TITLE: c.companyName }, select: ['ID'], order: { ID: 'ASC' }, start: -1 } });
			if (p.settings.newClientsAsLeads) {
				commands.push({ key: `${k}_lead`, method: 'crm.lead.list', params: { filter: { ORIGINATOR_ID: p.settings.originatorId, ORIGIN_ID: `company-${k}` }, select: ['ID'], start: -1 } });
			}
		}
	}
	return commands;
}

export function readLookups(orders: PreparedOrder[], outcomes: Map<string, CommandOutcome>): Existing {
	const existing: Existing = { deals: new Map(), orderLeads: new Map(), contacts: new Map(), companies: new Map(), companyLeads: new Map(), timeline: new Map(), rows: new Map() };
	const result = (key: string) => outcomes.get(key)?.result;
	for (const p of orders) {
		const deal = result(`o${p.itemIndex}_deal`);
		if (Array.isArray(deal) && deal.length) existing.deals.set(p.itemIndex, deal[0] as IDataObject);
		const lead = result(`o${p.itemIndex}_lead`);
		if (Array.isArray(lead) && lead.length) existing.orderLeads.set(p.itemIndex, lead[0] as IDataObject);
		const c = p.order.customer;
		if (p.personKey) {
			const id = c.bitrix24ContactId ?? firstId(result(`${p.personKey}_phone`), 'CONTACT') ?? firstId(result(`${p.personKey}_email`), 'CONTACT') ?? firstId(result(`${p.personKey}_origin`), 'CONTACT');
			if (id) existing.contacts.set(p.personKey, id);
		}
		if (p.companyKey) {
			const id = c.bitrix24CompanyId ?? firstId(result(`${p.companyKey}_inn`), 'COMPANY', 'ENTITY_ID') ?? firstId(result(`${p.companyKey}_title`), 'COMPANY');
			if (id) existing.companies.set(p.companyKey, id);
			const companyLead = firstId(result(`${p.companyKey}_lead`), 'LEAD');
			if (companyLead) existing.companyLeads.set(p.companyKey, companyLead);
		}
	}
	return existing;
}

/** Second look-up pass, only for re-exports: the rows and comments already on each existing deal or lead. */
export function planTimelineLookups(orders: PreparedOrder[], existing: Existing): BatchCommand[] {
	const commands: BatchCommand[] = [];
	for (const p of orders) {
		const deal = existing.deals.get(p.itemIndex);
		if (deal) commands.push({ key: `o${p.itemIndex}_rowsget`, method: 'crm.deal.productrows.get', params: { id: deal.ID } });
		if (p.order.comments.length === 0) continue;
		const lead = existing.orderLeads.get(p.itemIndex);
		const target = deal ? { ENTITY_TYPE: 'deal', ENTITY_ID: deal.ID } : lead ? { ENTITY_TYPE: 'lead', ENTITY_ID: lead.ID } : undefined;
		if (target) commands.push({ key: `o${p.itemIndex}_tl`, method: 'crm.timeline.comment.list', params: { filter: target, select: ['ID', 'COMMENT'] } });
	}
	return commands;
}

export function readTimeline(orders: PreparedOrder[], outcomes: Map<string, CommandOutcome>, existing: Existing): void {
	for (const p of orders) {
		const comments = outcomes.get(`o${p.itemIndex}_tl`)?.result;
		if (Array.isArray(comments)) existing.timeline.set(p.itemIndex, new Set(comments.map((r) => String((r as IDataObject).COMMENT ?? ''))));
		const rows = outcomes.get(`o${p.itemIndex}_rowsget`)?.result;
		if (Array.isArray(rows)) existing.rows.set(p.itemIndex, rows as IDataObject[]);
	}
}

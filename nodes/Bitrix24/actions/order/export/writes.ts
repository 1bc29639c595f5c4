import type { IDataObject } from 'n8n-workflow';

import type { BatchCommand } from '../../../transport';
import { dealComments, dealTitle, deliveryText, orderAmount, personFields, productRows, stageFor, timelineText } from './content';
import { changedFields, sameRows } from './diff';
import { planLead, ref } from './leads';
import type { Existing } from './lookups';
import type { PreparedOrder } from './prepared';

/** The write plan of one order: its commands and how to name the resulting ids. */
export interface OrderWrites {
	commands: BatchCommand[];
	/** Keys of commands shared with other orders (a new contact or company) that this order relies on. */
	sharedKeys: string[];
	/** An id already known, or the key of the command whose result is the id. */
	ids: { deal?: string; contact?: string; company?: string; lead?: string; companyLead?: string };
	created: { deal: boolean; contact: boolean; company: boolean; lead: boolean; companyLead: boolean };
	stageChanged: boolean;
	commentsAdded: number;
	productRows: number;
	dealWritten: boolean;
	rowsWritten: boolean;
}



/** Plans every order's writes; a new contact or company needed by several orders is created once. */
export function planWrites(orders: PreparedOrder[], existing: Existing): Map<number, OrderWrites> {
	const plans = new Map<number, OrderWrites>();
	const sharedCreated = new Map<string, BatchCommand[]>();
	const shared = (key: string, build: () => BatchCommand[]): BatchCommand[] => {
		if (sharedCreated.has(key)) return [];
		const commands = build();
		sharedCreated.set(key, commands);
		return commands;
	};
	for (const p of orders) {
		const { order, settings } = p;
		const i = p.itemIndex;
		const plan: OrderWrites = { commands: [], sharedKeys: [], ids: {}, created: { deal: false, contact: false, company: false, lead: false, companyLead: false }, stageChanged: false, commentsAdded: 0, productRows: 0, dealWritten: false, rowsWritten: false };
		const deal = existing.deals.get(i);
		const orderLead = existing.orderLeads.get(i);
		const contactId = p.personKey ? existing.contacts.get(p.personKey) : undefined;
		const companyId = p.companyKey ? existing.companies.get(p.companyKey) : undefined;
		const isCompany = order.customer.type === 'company';
		const clientKnown = isCompany ? companyId !== undefined : contactId !== undefined;
		const rows = productRows(order, settings);
		const amount = orderAmount(order, rows);
		const seenTexts = existing.timeline.get(i) ?? new Set<string>();
		const newComments = order.comments.map(timelineText).filter((text) => !seenTexts.has(text));
		plan.commentsAdded = newComments.length;
		// Manual amount: the order's total (after discounts) stays the deal's amount when rows are set.
		const common: IDataObject = { OPPORTUNITY: amount, IS_MANUAL_OPPORTUNITY: 'Y', CURRENCY_ID: order.currency };
		if (settings.sourceId) common.SOURCE_ID = settings.sourceId;
		if (order.site) common.SOURCE_DESCRIPTION = order.site;
		if (settings.responsibleId) common.ASSIGNED_BY_ID = settings.responsibleId;
		const comments = dealComments(order);
		if (comments) common.COMMENTS = comments;

		const useLeads = settings.newClientsAsLeads && !deal && (orderLead !== undefined || !clientKnown);
		if (useLeads) {
			planLead(p, plan, existing, { common, rows, newComments, orderLead, shared });
			plans.set(i, plan);
			continue;
		}

		// The client: an existing id, or one creation shared by all orders of that client in this run.
		let companyRef: string | undefined = companyId;
		if (isCompany && !companyRef && p.companyKey) {
			const key = `${p.companyKey}_add`;
			plan.commands.push(
				...shared(key, () => {
					const list: BatchCommand[] = [{ key, method: 'crm.company.add', params: { fields: { TITLE: order.customer.companyName, ...(settings.responsibleId ? { ASSIGNED_BY_ID: settings.responsibleId } : {}), ...(settings.sourceId ? { SOURCE_ID: settings.sourceId } : {}) } } }];
					if (order.customer.inn) {
						list.push({ key: `${p.companyKey}_rq`, method: 'crm.requisite.add', params: { fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: ref(key), PRESET_ID: 1, NAME: order.customer.companyName, RQ_COMPANY_NAME: order.customer.companyName, RQ_INN: order.customer.inn } } });
					}
					return list;
				}),
			);
			plan.sharedKeys.push(key);
			companyRef = ref(key);
			plan.created.company = true;
		}
		let contactRef: string | undefined = contactId;
		if (!contactRef && p.personKey) {
			const key = `${p.personKey}_add`;
			const fields = personFields(order, settings);
			if (companyRef) fields.COMPANY_ID = companyRef;
			plan.commands.push(...shared(key, () => [{ key, method: 'crm.contact.add', params: { fields } }]));
			plan.sharedKeys.push(key);
			contactRef = ref(key);
			plan.created.contact = true;
		}
		plan.ids.contact = contactRef;
		plan.ids.company = companyRef;

		const dealKey = `o${i}_deal_w`;
		let dealRef: string;
		if (deal) {
			dealRef = String(deal.ID);
			const fields: IDataObject = { TITLE: dealTitle(order, settings), OPPORTUNITY: amount, IS_MANUAL_OPPORTUNITY: 'Y', CURRENCY_ID: order.currency };
			if (comments) fields.COMMENTS = comments;
			if (settings.deliveryField) fields[settings.deliveryField] = deliveryText(order) ?? '';
			const stage = stageFor(order, settings);
			if (stage && stage !== deal.STAGE_ID && String(deal.CATEGORY_ID ?? '0') === settings.funnelId) {
				fields.STAGE_ID = stage;
				plan.stageChanged = true;
			}
			if (!deal.CONTACT_ID && contactRef) fields.CONTACT_ID = contactRef;
			if (!deal.COMPANY_ID && companyRef) fields.COMPANY_ID = companyRef;
			// Only what differs is written: an unchanged order causes no update event in Bitrix24
			// (so two-way status sync cannot ping-pong).
			const changed = changedFields(fields, deal);
			if (Object.keys(changed).length) plan.commands.push({ key: dealKey, method: 'crm.deal.update', params: { id: dealRef, fields: changed } });
			plan.dealWritten = Object.keys(changed).length > 0;
		} else {
			const fields: IDataObject = {
				...common,
				TITLE: dealTitle(order, settings),
				CATEGORY_ID: settings.funnelId,
				BEGINDATE: order.createdAt,
				ORIGINATOR_ID: settings.originatorId,
				ORIGIN_ID: order.id,
			};
			const stage = stageFor(order, settings);
			if (stage) fields.STAGE_ID = stage;
			if (contactRef) fields.CONTACT_ID = contactRef;
			if (companyRef) fields.COMPANY_ID = companyRef;
			if (settings.deliveryField) fields[settings.deliveryField] = deliveryText(order) ?? '';
			plan.commands.push({ key: dealKey, method: 'crm.deal.add', params: { fields, params: { REGISTER_SONET_EVENT: 'N' } } });
			dealRef = ref(dealKey);
			plan.created.deal = true;
			plan.dealWritten = true;
		}
		plan.ids.deal = dealRef;
		plan.productRows = rows.length;
		const knownRows = existing.rows.get(i);
		if (!knownRows || !sameRows(knownRows, rows)) {
			plan.commands.push({ key: `o${i}_rows`, method: 'crm.deal.productrows.set', params: { id: dealRef, rows } });
			plan.rowsWritten = true;
		}
		newComments.forEach((text, n) => plan.commands.push({ key: `o${i}_c${n}`, method: 'crm.timeline.comment.add', params: { fields: { ENTITY_ID: dealRef, ENTITY_TYPE: 'deal', COMMENT: text } } }));
		plans.set(i, plan);
	}
	return plans;
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { readOrder } from '../../../shared/order';
import type { Bitrix24Client, CommandOutcome } from '../../transport';
import { Bitrix24RequestError } from '../../transport';
import { asNodeError, itemContext, outcomeError } from '../executor';
import type { CustomOperation } from '../types';
import { planLookups, planTimelineLookups, readLookups, readTimeline } from './export/lookups';
import type { PreparedOrder } from './export/prepared';
import { identify } from './export/prepared';
import { exportDescription, readSettings } from './export/settings';
import type { OrderWrites } from './export/writes';
import { planWrites } from './export/writes';

/** Rounds of look-up + write for orders whose write batch lost its answer. */
const MAX_ROUNDS = 4;

function resolve(value: string | undefined, outcomes: Map<string, CommandOutcome>): string | undefined {
	if (value === undefined) return undefined;
	const match = /^\$result\[(\w+)\]$/.exec(value);
	if (!match) return value;
	const result = outcomes.get(match[1])?.result;
	return result === undefined ? undefined : String(result);
}

function lookupFailure(p: PreparedOrder, lookups: Map<string, CommandOutcome>) {
	const own = [`o${p.itemIndex}_`, `${p.personKey}_`, ...(p.companyKey ? [`${p.companyKey}_`] : [])];
	for (const [key, outcome] of lookups) {
		if (outcome.transportError && own.some((prefix) => key.startsWith(prefix))) return outcome.transportError;
	}
	return undefined;
}

type Verdict = { kind: 'done'; json: IDataObject } | { kind: 'retry' } | { kind: 'error'; error: Error };

function judge(client: Bitrix24Client, p: PreparedOrder, plan: OrderWrites, outcomes: Map<string, CommandOutcome>): Verdict {
	const keys = [...plan.commands.map((c) => c.key), ...plan.sharedKeys];
	for (const key of keys) {
		const error = outcomes.get(key)?.transportError;
		if (error?.kind !== 'ambiguous') continue;
		// A write that timed out may still be running on the portal: looking up again now could miss
		// the deal it is creating and create a second one. The next run finds it by ORIGIN_ID.
		if (error.code === 'ANSWER_TIMEOUT') {
			const description = `Bitrix24 did not answer in time and may still be exporting order ${p.order.number}; run the export again later: it finds the deal by ORIGIN_ID and does not create a second one`;
			return { kind: 'error', error: client.wrap(new Bitrix24RequestError('ambiguous', error.host, error.method, error.code, description), p.itemIndex) };
		}
		return { kind: 'retry' };
	}
	for (const key of keys) {
		const outcome = outcomes.get(key);
		if (outcome?.error) {
			const method = plan.commands.find((c) => c.key === key)?.method ?? 'batch';
			return { kind: 'error', error: outcome.transportError ? client.wrap(outcome.transportError, p.itemIndex) : outcomeError(client, method, outcome, p.itemIndex) };
		}
	}
	const ids = Object.fromEntries(Object.entries(plan.ids).map(([k, v]) => [k, resolve(v, outcomes)]).filter(([, v]) => v !== undefined));
	return {
		kind: 'done',
		json: {
			orderId: p.order.id,
			orderNumber: p.order.number,
			action: plan.ids.lead
				? plan.created.lead
					? 'leadCreated'
					: 'leadUpdated'
				: plan.created.deal
					? 'created'
					: plan.dealWritten || plan.rowsWritten || plan.commentsAdded > 0
						? 'updated'
						: 'unchanged',
			dealId: ids.deal,
			contactId: ids.contact,
			companyId: ids.company,
			leadId: ids.lead,
			companyLeadId: ids.companyLead,
			created: plan.created,
			stageChanged: plan.stageChanged,
			commentsAdded: plan.commentsAdded,
			productRows: plan.productRows,
		},
	};
}

/**
 * Order -> Export: all input orders at once, in two passes (look-ups, then writes packed 50 per
 * request with each order's commands together). Deals are keyed by ORIGINATOR_ID/ORIGIN_ID, so
 * running it again updates; a write request whose answer was lost is never resent as is: its
 * orders' look-ups are redone and only what is still missing is written.
 */
export const exportOrders: CustomOperation = {
	kind: 'custom',
	description: exportDescription,
	async execute(client) {
		const items = this.getInputData();
		const results = new Map<number, INodeExecutionData>();
		const fail = (itemIndex: number, error: unknown) => {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			results.set(itemIndex, { json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		};
		const registry = new Map<string, string>();
		let pending: PreparedOrder[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const item = itemContext(this, itemIndex);
				const settings = readSettings(item);
				const order = readOrder(items[itemIndex].json, this.getNode(), itemIndex);
				if (settings.orderTypes !== 'all' && order.customer.type !== settings.orderTypes) {
					results.set(itemIndex, { json: { orderId: order.id, orderNumber: order.number, action: 'skipped', reason: `customer is a ${order.customer.type}` }, pairedItem: { item: itemIndex } });
					continue;
				}
				pending.push({ itemIndex, order, settings, ...identify(order, registry) });
			} catch (error) {
				fail(itemIndex, error);
			}
		}
		for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
			const lookups = await client.batch(planLookups(pending));
			// Look-ups are reads the transport already retried; one that still failed fails its order.
			const lookupFailed = new Set<PreparedOrder>();
			for (const p of pending) {
				const failure = lookupFailure(p, lookups);
				if (failure) {
					lookupFailed.add(p);
					fail(p.itemIndex, client.wrap(failure, p.itemIndex));
				}
			}
			const ready = pending.filter((p) => !lookupFailed.has(p));
			const lookupErrors = ready.filter((p) => lookups.get(`o${p.itemIndex}_deal`)?.error);
			for (const p of lookupErrors) fail(p.itemIndex, outcomeError(client, 'crm.deal.list', lookups.get(`o${p.itemIndex}_deal`)!, p.itemIndex));
			const orders = ready.filter((p) => !lookupErrors.includes(p));
			const existing = readLookups(orders, lookups);
			const timelineCommands = planTimelineLookups(orders, existing);
			if (timelineCommands.length) readTimeline(orders, await client.batch(timelineCommands), existing);
			const plans = planWrites(orders, existing);
			const writes = await client.batch([...plans.values()].flatMap((plan) => plan.commands));
			const retry: PreparedOrder[] = [];
			for (const p of orders) {
				const verdict = judge(client, p, plans.get(p.itemIndex)!, writes);
				if (verdict.kind === 'retry') retry.push(p);
				else if (verdict.kind === 'error') fail(p.itemIndex, verdict.error);
				else results.set(p.itemIndex, { json: verdict.json, pairedItem: { item: p.itemIndex } });
			}
			pending = retry;
		}
		for (const p of pending) {
			fail(p.itemIndex, new Error(`Item ${p.itemIndex}: Bitrix24 ${client.portal} did not confirm the export of order ${p.order.number} after ${MAX_ROUNDS} attempts; run the export again (it will not duplicate the deal)`));
		}
		return [...results.keys()].sort((a, b) => a - b).map((i) => results.get(i)!);
	},
};

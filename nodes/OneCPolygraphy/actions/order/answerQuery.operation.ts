import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Order } from '../../../shared/order';
import { commerceMlFile } from '../../helpers/commerceml';
import { isDelivered, readLedger, recordHandOut, saveLedger } from '../../helpers/exchange';
import type { TemplateSource } from '../../helpers/load';
import { asNodeError } from '../../helpers/load';
import { documentFields, documentOptions, isEmptyItem, isErrorItem, orderOf } from './common';

const show = { show: { resource: ['order'], operation: ['answerExchangeQuery'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Use this as the last node after a 1C Exchange Trigger "Orders Requested" output: it answers 1C with every input order not yet confirmed by 1C, and records what it handed out so that 1C\'s "success" marks exactly those orders delivered.',
		name: 'answerNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Exchange Session',
		name: 'session',
		type: 'string',
		default: '',
		displayOptions: show,
		description: 'The "session" of the 1C Exchange Trigger item; empty: taken from the 1C Exchange Trigger this node follows',
	},
	...documentFields('answerExchangeQuery'),
];

function sessionOf(ctx: IExecuteFunctions): string {
	const given = (ctx.getNodeParameter('session', 0, '') as string).trim();
	if (given) return given;
	const trigger = ctx.getParentNodes(ctx.getNode().name).find((node) => /onecExchangeTrigger$/i.test(node.type));
	if (trigger) {
		const value = ctx.evaluateExpression(`{{ $('${trigger.name.replace(/'/g, "\\'")}').first().json.session }}`, 0);
		if (typeof value === 'string' && value) return value;
	}
	throw new NodeOperationError(ctx.getNode(), 'No exchange session: put this node after a 1C Exchange Trigger ("Orders Requested" output) or set "Exchange Session"');
}

/**
 * Always returns one first item holding the CommerceML answer (n8n sends the last node's first
 * binary back to 1C), even when no order is pending.
 */
export async function execute(this: IExecuteFunctions, templates: TemplateSource): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const session = sessionOf(this);
	const staticData = this.getWorkflowStaticData('global');
	const ledger = readLedger(staticData);
	const pending: Array<{ order: Order; index: number }> = [];
	const skipped: string[] = [];
	const errors: INodeExecutionData[] = [];
	const seen = new Set<string>();
	let ignored = 0;
	for (let i = 0; i < items.length; i++) {
		// Not orders: "Always Output Data" placeholders and error items of an upstream node set to
		// continue on error. Skipping them is safe: nothing is recorded for them, so the orders
		// they stand for go out with a later query.
		if (isEmptyItem(items[i].json) || isErrorItem(items[i].json)) {
			ignored++;
			continue;
		}
		try {
			const order = await orderOf(this, i, templates);
			if (seen.has(order.id)) continue;
			seen.add(order.id);
			if (isDelivered(ledger, order)) skipped.push(order.id);
			else pending.push({ order, index: i });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, i);
			errors.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	const orders = pending.map((p) => p.order);
	const file = commerceMlFile(orders, documentOptions(this, 0));
	recordHandOut(ledger, session, orders, Math.floor(Date.now() / 1000));
	saveLedger(staticData, ledger);
	const property = this.getNodeParameter('binaryPropertyName', 0, 'data') as string;
	const encoding = this.getNodeParameter('fileEncoding', 0, 'windows-1251') as string;
	const binary = await this.helpers.prepareBinaryData(file, 'orders.xml', `application/xml; charset=${encoding}`);
	const answer: INodeExecutionData = {
		json: { session, handedOut: orders.map((o) => o.id), alreadyDelivered: skipped, count: orders.length, ignoredItems: ignored },
		binary: { [property]: binary },
		pairedItem: pending.length ? pending.map((p) => ({ item: p.index })) : { item: 0 },
	};
	return [answer, ...errors];
}

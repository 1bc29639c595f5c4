import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { parseShopDate } from '../shared/order';
import { STATUS_OPTIONS } from './actions/common';
import { fetchFullOrder, listAllOrders } from './transport/api';

/**
 * What the trigger remembers between runs, in the workflow's static data (saved by n8n with the
 * workflow, so it works in queue mode too): the newest timestamp emitted and the ids already
 * emitted AT that timestamp. An order is new when its timestamp is later, or equal and its id
 * is not in the list, so two orders sharing a millisecond are neither skipped nor repeated.
 */
export interface PollPosition {
	lastTimestamp?: number;
	idsAtLastTimestamp?: string[];
}

/** Picks the orders to emit and the position after them (pure, exported for reuse and tests). */
export function ordersSince(
	orders: IDataObject[],
	position: PollPosition,
	stampOf: (order: IDataObject) => number | undefined,
): { fresh: IDataObject[]; next: PollPosition } {
	const last = position.lastTimestamp ?? Number.NEGATIVE_INFINITY;
	const seen = new Set(position.idsAtLastTimestamp ?? []);
	const fresh: Array<{ order: IDataObject; stamp: number; id: string }> = [];
	for (const order of orders) {
		const stamp = stampOf(order);
		if (stamp === undefined) continue;
		const id = String(order.Id);
		if (stamp > last || (stamp === last && !seen.has(id))) fresh.push({ order, stamp, id });
	}
	fresh.sort((a, b) => a.stamp - b.stamp || a.id.localeCompare(b.id, 'en', { numeric: true }));
	if (fresh.length === 0) return { fresh: [], next: position };
	const max = fresh[fresh.length - 1].stamp;
	const atMax = fresh.filter((f) => f.stamp === max).map((f) => f.id);
	const ids = max === last ? [...seen, ...atMax] : atMax;
	return { fresh: fresh.map((f) => f.order), next: { lastTimestamp: max, idsAtLastTimestamp: ids } };
}

export class PixlparkPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pixlpark Poll Trigger',
		name: 'pixlparkPollTrigger',
		icon: { light: 'file:pixlpark.svg', dark: 'file:pixlpark.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "new" ? "New orders" : "New or changed orders"}}',
		description: 'Starts the workflow for Pixlpark orders that are new or changed since the last check (for shops that cannot set webhooks)',
		defaults: { name: 'Pixlpark Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pixlparkApi', required: true }],
		properties: [
			{
				displayName:
					'Checks the newest orders on every poll and emits each new or changed order once. The position is kept with the workflow; the first activation only remembers where it starts.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'New Orders', value: 'new', description: 'Orders placed since the last check (by their creation date)' },
					{ name: 'New or Changed Orders', value: 'newOrChanged', description: 'Orders placed or modified since the last check (by their modification date)' },
				],
				default: 'newOrChanged',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'Order Item (Full Order)', value: 'fullOrder', description: 'Order with items, customer and comments, in the shape every export accepts' },
					{ name: 'Raw Pixlpark Order', value: 'raw', description: 'The order as the Pixlpark API returns it' },
				],
				default: 'fullOrder',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Orders on First Run',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description: 'Whether the first run after activation emits the orders it finds instead of only remembering where it starts',
					},
					{
						displayName: 'Orders to Check',
						name: 'scanLimit',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 500,
						description: 'How many of the newest orders each check reads (0 = all). A change to an older order is not seen.',
					},
					{
						displayName: 'Page Size',
						name: 'pageSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1000 },
						default: 100,
						description: 'How many orders to ask for per request',
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						options: STATUS_OPTIONS,
						default: 'ReadyToProcessing',
						description: 'Only orders in this status',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'newOrChanged') as string;
		const output = this.getNodeParameter('output', 'fullOrder') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const pageSize = Number(options.pageSize ?? 100);
		const scanLimit = Number(options.scanLimit ?? 500);
		if (!Number.isInteger(pageSize) || pageSize < 1) throw new NodeOperationError(this.getNode(), 'Option "Page Size" must be a whole number above 0');
		const stampOf = (order: IDataObject) => {
			const raw = event === 'new' ? order.DateCreated : (order.DateModified ?? order.DateCreated);
			const iso = parseShopDate(raw);
			return iso === undefined ? undefined : Date.parse(iso);
		};

		const orders = await listAllOrders(this, { status: options.status ? String(options.status) : undefined }, pageSize, undefined, scanLimit > 0 ? scanLimit : undefined);
		const state = this.getWorkflowStaticData('node') as PollPosition & IDataObject;
		const manual = this.getMode() === 'manual';
		const position: PollPosition = { lastTimestamp: state.lastTimestamp, idsAtLastTimestamp: state.idsAtLastTimestamp };
		const firstRun = position.lastTimestamp === undefined;

		let { fresh, next } = ordersSince(orders, position, stampOf);
		if (manual) {
			// A test run shows the newest order and leaves the position alone.
			const newest = ordersSince(orders, {}, stampOf).fresh.slice(-1);
			fresh = fresh.length ? fresh.slice(-1) : newest;
			next = position;
		} else if (firstRun && !options.emitExisting) {
			fresh = [];
		}

		const items: INodeExecutionData[] = [];
		for (const order of fresh) {
			const json = output === 'raw' ? order : ((await fetchFullOrder(this, String(order.Id))) as unknown as IDataObject);
			items.push({ json });
		}
		if (!manual) {
			state.lastTimestamp = next.lastTimestamp;
			state.idsAtLastTimestamp = next.idsAtLastTimestamp;
			if (state.lastTimestamp === undefined && firstRun) {
				// An empty shop: start from now so the first order placed later is new.
				state.lastTimestamp = 0;
				state.idsAtLastTimestamp = [];
			}
		}
		return items.length ? [items] : null;
	}
}

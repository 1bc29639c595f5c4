import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { secretsEqual } from '../shared/secrets';
import { fetchFullOrder } from './transport/api';

export const PIXLPARK_EVENTS = [
	{ name: 'Order Changed', value: 'changed' },
	{ name: 'Order Comment Added', value: 'comment' },
	{ name: 'Order Placed', value: 'placed' },
	{ name: 'Order Render Status Changed', value: 'render' },
];

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A plain copy of the posted JSON without prototype-polluting keys, depth-bounded. */
function safeCopy(value: unknown, depth = 0): unknown {
	if (depth > 20) return null;
	if (Array.isArray(value)) return value.slice(0, 10_000).map((v) => safeCopy(v, depth + 1));
	if (value !== null && typeof value === 'object') {
		const out: IDataObject = {};
		for (const key of Object.keys(value)) {
			if (UNSAFE_KEYS.has(key)) continue;
			out[key] = safeCopy((value as IDataObject)[key], depth + 1) as IDataObject[string];
		}
		return out;
	}
	return value;
}

function reject(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

export class PixlparkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pixlpark Trigger',
		name: 'pixlparkTrigger',
		icon: { light: 'file:pixlpark.svg', dark: 'file:pixlpark.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Pixlpark sends an order webhook (placed, changed, comment added, render status changed). Pixlpark signs nothing, so calls must carry a secret.',
		defaults: { name: 'Pixlpark Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pixlparkApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// URL: /webhook/<webhook id>/pixlpark, the secret in its query (?secret=) or in a header. A
				// static path keeps each trigger's URL unique: n8n stores a dynamic "pixlpark/:secret" once
				// per instance, so a second workflow with this trigger could not be activated.
				path: 'pixlpark',
			},
		],
		properties: [
			{
				displayName:
					'Set the webhooks up by hand in the Pixlpark panel (Settings -> Webhooks): one per event, each with this node\'s Production URL plus ?secret=<your secret>&event=placed (or changed, comment, render). With the header option, Pixlpark (or the proxy in front of n8n) must send the secret in the header instead. Calls without the right secret get 401 and start nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: PIXLPARK_EVENTS,
				default: ['placed', 'changed'],
				required: true,
				description:
					'Which events start the workflow. The event is read from the ?event= part of the URL set in Pixlpark; a call without it is taken as any event.',
			},
			{
				displayName: 'Secret Location',
				name: 'secretLocation',
				type: 'options',
				options: [
					{ name: 'Header', value: 'header', description: 'The secret comes in an HTTP header' },
					{ name: 'URL Query Parameter', value: 'query', description: 'The secret is part of the URL as the query parameter "secret" (works with Pixlpark\'s panel, which only takes a URL)' },
				],
				default: 'query',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'A long random text only you and Pixlpark know; calls without it are rejected with 401. Leave empty to use the Webhook Secret of the Pixlpark API credential (better: credentials are stored encrypted, workflows are not).',
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'X-Pixlpark-Secret',
				displayOptions: { show: { secretLocation: ['header'] } },
				description: 'The HTTP header that carries the secret',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'Order Item (Full Order)', value: 'fullOrder', description: 'Fetches the order with items, customer and comments and outputs one Order item' },
					{ name: 'Raw Webhook Body', value: 'raw', description: 'What Pixlpark posted, plus the event' },
				],
				default: 'raw',
			},
		],
	};

	webhookMethods = {
		default: {
			// The webhooks are set by hand in Pixlpark's panel: nothing to register here.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		let secret = String(this.getNodeParameter('secret', '') ?? '');
		if (!secret) {
			const credentials = await this.getCredentials('pixlparkApi').catch(() => undefined);
			secret = String(credentials?.webhookSecret ?? '');
		}
		const location = this.getNodeParameter('secretLocation', 'query') as string;
		let received: unknown;
		if (location === 'header') {
			const headerName = String(this.getNodeParameter('headerName', 'X-Pixlpark-Secret') || 'X-Pixlpark-Secret').toLowerCase();
			received = this.getHeaderData()[headerName];
		} else {
			received = (this.getQueryData() as IDataObject).secret;
		}
		if (!secret || !secretsEqual(received, secret)) return reject(this, 401, 'Unauthorized');

		const body = safeCopy(this.getBodyData()) as IDataObject;
		const id = body?.Id;
		const validId = (typeof id === 'number' && Number.isInteger(id) && id > 0) || (typeof id === 'string' && /^\d{1,18}$/.test(id.trim()));
		if (!body || typeof body !== 'object' || Array.isArray(body) || !validId) {
			return reject(this, 400, 'Expected a Pixlpark order (JSON with a numeric "Id")');
		}

		const query = this.getQueryData() as IDataObject;
		const given = typeof query.event === 'string' ? query.event.trim().toLowerCase() : '';
		const known = PIXLPARK_EVENTS.some((e) => e.value === given);
		if (given && !known) return reject(this, 400, `Unknown event "${given.slice(0, 40)}"`);
		const events = this.getNodeParameter('events', []) as string[];
		if (given && events.length > 0 && !events.includes(given)) {
			this.getResponseObject().status(200).json({ received: true, ignored: `event ${given} is not selected` });
			return { noWebhookResponse: true };
		}

		const output = this.getNodeParameter('output', 'raw') as string;
		if (output !== 'fullOrder') return { workflowData: [[{ json: { event: given || 'unknown', ...body } }]] };
		try {
			return { workflowData: [[{ json: (await fetchFullOrder(this, String(id).trim())) as unknown as IDataObject }]] };
		} catch (error) {
			// An order Pixlpark does not have is a bad call (400), not a failed execution; other errors
			// still throw, so n8n answers 500 and Pixlpark sends the call again later.
			if ((error as { httpCode?: unknown }).httpCode === '404') return reject(this, 400, `Pixlpark has no order ${String(id).trim()}`);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- already a NodeApiError from the transport
			throw error;
		}
	}
}

import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../shared/redact';
import { EVENT_OPTIONS } from './trigger/events';
import { fetchChangedRecord, isEventItem } from './trigger/fetchRecord';
import { readEvent } from './trigger/readEvent';
import { getBitrix24Client } from './transport';

function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

export class Bitrix24Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Trigger',
		name: 'bitrix24Trigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length + " event(s)"}}',
		description: 'Starts the workflow when a Bitrix24 outgoing webhook reports a CRM change (deal, contact, company, lead or product)',
		defaults: { name: 'Bitrix24 Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24WebhookApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'bitrix24',
			},
		],
		properties: [
			{
				displayName:
					'Set the outgoing webhook up by hand in Bitrix24: Applications -> Developers -> Other -> Outgoing webhook. Paste this node\'s Production URL into "URL of your handler", tick the same events as below (the integration guide ticks: deal, contact, company and lead updated; deal, contact, company, lead and product deleted), save, and copy its "Application token" into the credential\'s Outgoing Webhook Application Token. Calls without that token get 401 and start nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				// The nine events the integration guide ticks (trigger/events.ts GUIDE_EVENTS).
				default: [
					'ONCRMDEALUPDATE',
					'ONCRMCONTACTUPDATE',
					'ONCRMCOMPANYUPDATE',
					'ONCRMLEADUPDATE',
					'ONCRMDEALDELETE',
					'ONCRMCONTACTDELETE',
					'ONCRMCOMPANYDELETE',
					'ONCRMLEADDELETE',
					'ONCRMPRODUCTDELETE',
				],
				required: true,
				description: 'Which events start the workflow. Other events Bitrix24 sends are answered with 200 and dropped.',
			},
			{
				displayName: 'Fetch the Changed Record',
				name: 'fetchRecord',
				type: 'boolean',
				default: false,
				description:
					'Whether to re-read the deal, contact, company or lead through the REST API and add it as "record" (the event itself carries only the ID). Delete events keep only the ID.',
			},
		],
	};

	webhookMethods = {
		default: {
			// Bitrix24 outgoing webhooks cannot be registered through the API (event.bind refuses
			// webhook auth), so there is nothing to create or delete here: the shop sets it up by hand.
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
		// Never throws: a throw here would start a failed execution; every rejection answers and stops.
		let expectedToken = '';
		try {
			const credentials = await this.getCredentials('bitrix24WebhookApi');
			expectedToken = typeof credentials.applicationToken === 'string' ? credentials.applicationToken : '';
		} catch {
			return answer(this, 500, { message: 'The Bitrix24 Trigger has no usable credential' });
		}
		// n8n 2.41 hands a form body over twice: req.rawBody (the bytes, read up to N8N_PAYLOAD_SIZE_MAX)
		// and getBodyData() (querystring.parse: flat 'data[FIELDS][ID]' keys, at most 1000). readEvent
		// parses the bytes itself (bounded, bracket keys nested) and falls back to the parsed body.
		const req = this.getRequestObject();
		const events = this.getNodeParameter('events', []) as string[];
		const decision = readEvent({ rawBody: req.rawBody, body: this.getBodyData(), contentType: req.headers['content-type'] }, expectedToken, events);
		if (decision.outcome === 'rejected') return answer(this, decision.status, { message: redactSecrets(decision.message, [expectedToken]) });
		if (decision.outcome === 'ignored') return answer(this, 200, { received: true, ignored: `event ${decision.event.slice(0, 64)} is not selected` });
		return { workflowData: [this.helpers.returnJsonArray([decision.item])] };
	}

	// Runs inside the execution, after Bitrix24 already got its 200: re-reading the record here
	// keeps the answer fast, and a failure shows as a failed execution (with the event kept) instead
	// of a lost event.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const fetchRecord = this.getNodeParameter('fetchRecord', 0, false) as boolean;
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const json = items[i].json;
			if (!isEventItem(json)) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: no Bitrix24 event in the input; this trigger starts when Bitrix24 calls its URL`, { itemIndex: i });
			}
			if (!fetchRecord) {
				out.push({ json, pairedItem: { item: i } });
				continue;
			}
			let failure: NodeApiError | NodeOperationError | undefined;
			let secrets: string[] = [];
			try {
				const client = await getBitrix24Client(this);
				secrets = client.secrets;
				const record = await fetchChangedRecord(client, json);
				out.push({ json: record === undefined ? json : { ...json, record }, pairedItem: { item: i } });
			} catch (error) {
				failure =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeOperationError(this.getNode(), `Item ${i}: reading ${json.entity} ${json.id} failed: ${redactSecrets((error as Error).message, secrets)}`, { itemIndex: i });
			}
			if (!failure) continue;
			if (!this.continueOnFail()) throw failure;
			out.push({ json: { ...json, error: failure.message }, pairedItem: { item: i } });
		}
		return [out];
	}
}

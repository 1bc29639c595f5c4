/**
 * The Bitrix24 Trigger: readEvent (parse + verify + route), the node's webhook() answering as n8n's
 * webhook context would let it, and execute() re-reading the record from the fake portal through
 * n8n's engine.
 */
import { parse as parseQuerystring } from 'querystring';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';
import { Bitrix24Trigger } from '../../nodes/Bitrix24/Bitrix24Trigger.node';
import { EVENTS, EVENT_OPTIONS, GUIDE_EVENTS } from '../../nodes/Bitrix24/trigger/events';
import { readEvent } from '../../nodes/Bitrix24/trigger/readEvent';
import { buildPhpQuery, seedDeal, startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { runNode } from '../helpers/engine';

const TOKEN = 'outgoing-app-token-0123456789';

function eventBody(overrides: Record<string, unknown> = {}, auth: Record<string, unknown> = {}): string {
	return buildPhpQuery({
		event: 'ONCRMDEALUPDATE',
		event_handler_id: 3,
		data: { FIELDS: { ID: 42 } },
		ts: 1733340000,
		auth: {
			domain: 'shop.bitrix24.ru',
			client_endpoint: 'https://shop.bitrix24.ru/rest/',
			server_endpoint: 'https://oauth.bitrix.info/rest/',
			member_id: 'member-1',
			application_token: TOKEN,
			...auth,
		},
		...overrides,
	});
}

const FORM = 'application/x-www-form-urlencoded';

describe('readEvent', () => {
	test('a valid event becomes one item without the token, from the raw body or a parsed one', () => {
		const expected = { event: 'ONCRMDEALUPDATE', entity: 'deal', action: 'update', id: 42, ts: 1733340000, portal: 'shop.bitrix24.ru', memberId: 'member-1' };
		const raw = readEvent({ rawBody: Buffer.from(eventBody()), contentType: FORM }, TOKEN, GUIDE_EVENTS);
		expect(raw).toEqual({ outcome: 'accepted', item: expected });
		const parsed = readEvent({ body: parseQuerystring(eventBody()), contentType: FORM }, TOKEN, GUIDE_EVENTS);
		expect(parsed).toEqual({ outcome: 'accepted', item: expected });
		expect(JSON.stringify(raw)).not.toContain(TOKEN);
	});

	test('missing, wrong or another portal\'s token: 401', () => {
		const noToken = eventBody().replace(/&auth%5Bapplication_token%5D=[^&]*/, '');
		expect(readEvent({ rawBody: Buffer.from(noToken), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 401 });
		expect(readEvent({ rawBody: Buffer.from(eventBody({}, { application_token: '' })), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 401 });
		expect(readEvent({ rawBody: Buffer.from(eventBody({}, { application_token: `${TOKEN}x` })), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 401 });
		const other = eventBody({}, { application_token: 'another-portal-token', domain: 'other.bitrix24.ru' });
		expect(readEvent({ rawBody: Buffer.from(other), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 401 });
		// A credential without a token accepts nothing.
		expect(readEvent({ rawBody: Buffer.from(eventBody({}, { application_token: '' })), contentType: FORM }, '', GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 401 });
		// The token as an array (auth[application_token][]=...) is not a token.
		const arrayToken = eventBody().replace('auth%5Bapplication_token%5D=', 'auth%5Bapplication_token%5D%5B%5D=');
		expect(readEvent({ rawBody: Buffer.from(arrayToken), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 401 });
	});

	test('malformed, oversized and empty bodies: 400', () => {
		for (const body of ['a[b=1', '%E0%A4%A', `${eventBody()}&x=${'y'.repeat(70_000)}`, '']) {
			expect(readEvent({ rawBody: Buffer.from(body), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 400 });
		}
		expect(readEvent({ rawBody: Buffer.alloc(1024 * 1024, 'a'), contentType: 'application/octet-stream' }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 400 });
		expect(readEvent({ body: 'just text', contentType: 'text/plain' }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 400 });
		expect(readEvent({ body: {}, contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 400 });
	});

	test('a verified call with a bad id or no event: 400', () => {
		for (const id of ['0', '-1', 'abc', '']) {
			expect(readEvent({ rawBody: Buffer.from(eventBody({ data: { FIELDS: { ID: id } } })), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 400 });
		}
		expect(readEvent({ rawBody: Buffer.from(eventBody({ event: '' })), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toMatchObject({ outcome: 'rejected', status: 400 });
	});

	test('events that are not selected are ignored (acknowledged, no item)', () => {
		expect(readEvent({ rawBody: Buffer.from(eventBody({ event: 'ONCRMDEALADD' })), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toEqual({ outcome: 'ignored', event: 'ONCRMDEALADD' });
		expect(readEvent({ rawBody: Buffer.from(eventBody()), contentType: FORM }, TOKEN, ['ONCRMLEADUPDATE'])).toEqual({ outcome: 'ignored', event: 'ONCRMDEALUPDATE' });
		expect(readEvent({ rawBody: Buffer.from(eventBody({ event: 'ONSOMETHINGELSE' })), contentType: FORM }, TOKEN, GUIDE_EVENTS)).toEqual({ outcome: 'ignored', event: 'ONSOMETHINGELSE' });
	});

	test('every offered event maps to an entity and an action', () => {
		expect(EVENT_OPTIONS).toHaveLength(14);
		for (const name of GUIDE_EVENTS) expect(EVENTS[name]).toBeDefined();
		const r = readEvent({ rawBody: Buffer.from(eventBody({ event: 'CATALOG.PRODUCT.ON.DELETE' })), contentType: FORM }, TOKEN, ['CATALOG.PRODUCT.ON.DELETE']);
		expect(r).toMatchObject({ outcome: 'accepted', item: { entity: 'product', action: 'delete', id: 42 } });
		const lead = readEvent({ rawBody: Buffer.from(eventBody({ event: 'ONCRMLEADDELETE' })), contentType: FORM }, TOKEN, GUIDE_EVENTS);
		expect(lead).toMatchObject({ outcome: 'accepted', item: { entity: 'lead', action: 'delete' } });
	});
});

/** A minimal webhook context: what webhook() reads, and a recorder for what it answers. */
function webhookContext(options: { rawBody?: Buffer; body?: unknown; contentType?: string; events?: string[]; token?: string }) {
	const answered: { status?: number; body?: IDataObject } = {};
	const res = {
		status(code: number) {
			answered.status = code;
			return res;
		},
		json(body: IDataObject) {
			answered.body = body;
			return res;
		},
	};
	const ctx = {
		getCredentials: async () => ({ portalUrl: 'https://shop.bitrix24.ru', userId: '1', webhookSecret: 'incoming-code-xyz', applicationToken: options.token ?? TOKEN }),
		getRequestObject: () => ({ rawBody: options.rawBody, headers: { 'content-type': options.contentType ?? FORM } }),
		getBodyData: () => (options.body ?? {}) as IDataObject,
		getNodeParameter: (name: string) => (name === 'events' ? (options.events ?? GUIDE_EVENTS) : undefined),
		getResponseObject: () => res,
		helpers: { returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })) },
	} as unknown as IWebhookFunctions;
	return { ctx, answered };
}

describe('Bitrix24Trigger.webhook', () => {
	const node = new Bitrix24Trigger();

	test('a valid event starts the workflow with one item and answers nothing itself (n8n answers 200)', async () => {
		const { ctx, answered } = webhookContext({ rawBody: Buffer.from(eventBody()), body: parseQuerystring(eventBody()) });
		const result = await node.webhook.call(ctx);
		expect(result.workflowData).toEqual([[{ json: { event: 'ONCRMDEALUPDATE', entity: 'deal', action: 'update', id: 42, ts: 1733340000, portal: 'shop.bitrix24.ru', memberId: 'member-1' } }]]);
		expect(answered.status).toBeUndefined();
	});

	test('forged calls get 401 and start nothing; the answer names no secret', async () => {
		for (const body of [eventBody({}, { application_token: 'wrong' }), eventBody().replace(/&auth%5Bapplication_token%5D=[^&]*/, '')]) {
			const { ctx, answered } = webhookContext({ rawBody: Buffer.from(body) });
			const result = await node.webhook.call(ctx);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(answered.status).toBe(401);
			expect(JSON.stringify(answered.body)).not.toContain(TOKEN);
		}
	});

	test('malformed bodies get 400; unselected events 200 without an execution', async () => {
		const bad = webhookContext({ rawBody: Buffer.from('auth[application_token=1') });
		expect(await node.webhook.call(bad.ctx)).toEqual({ noWebhookResponse: true });
		expect(bad.answered.status).toBe(400);
		const ignored = webhookContext({ rawBody: Buffer.from(eventBody({ event: 'ONCRMDEALADD' })) });
		expect(await node.webhook.call(ignored.ctx)).toEqual({ noWebhookResponse: true });
		expect(ignored.answered).toEqual({ status: 200, body: { received: true, ignored: 'event ONCRMDEALADD is not selected' } });
	});

	test('the description says where the URL goes and offers the guide\'s events by default', () => {
		const notice = node.description.properties.find((p) => p.type === 'notice')!;
		expect(notice.displayName).toContain('Applications -> Developers -> Other -> Outgoing webhook');
		const events = node.description.properties.find((p) => p.name === 'events')!;
		expect(events.default).toEqual(GUIDE_EVENTS);
		expect(node.description.webhooks?.[0]).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived' });
	});
});

describe('Bitrix24Trigger.execute (fetch the changed record)', () => {
	let fake: FakeBitrix24;
	beforeAll(async () => {
		fake = await startFakeBitrix24({ bucket: false, applicationToken: TOKEN });
	});
	afterAll(async () => {
		await fake.close();
	});

	const event = (over: IDataObject = {}) => ({ event: 'ONCRMDEALUPDATE', entity: 'deal', action: 'update', id: 0, ts: 1, portal: 'x', memberId: 'm', ...over });

	test('adds the deal as the portal holds it', async () => {
		const id = seedDeal(fake.db, { TITLE: 'Order 1001', STAGE_ID: 'PREPARATION', OPPORTUNITY: '1500.00' });
		const r = await runNode({
			node: new Bitrix24Trigger(),
			parameters: { events: GUIDE_EVENTS, fetchRecord: true },
			items: [event({ id })],
			credentialTypes: [new Bitrix24WebhookApi()],
			credentials: { bitrix24WebhookApi: fake.credentials },
		});
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(1);
		expect(r.json[0]).toMatchObject({ event: 'ONCRMDEALUPDATE', id, record: { ID: String(id), TITLE: 'Order 1001', STAGE_ID: 'PREPARATION' } });
		expect(r.outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	test('delete events keep only the id; without the option nothing is fetched', async () => {
		fake.resetStats();
		const del = await runNode({
			node: new Bitrix24Trigger(),
			parameters: { events: GUIDE_EVENTS, fetchRecord: true },
			items: [event({ id: 5, event: 'ONCRMDEALDELETE', action: 'delete' })],
			credentialTypes: [new Bitrix24WebhookApi()],
			credentials: { bitrix24WebhookApi: fake.credentials },
		});
		expect(del.json).toEqual([event({ id: 5, event: 'ONCRMDEALDELETE', action: 'delete' })]);
		const off = await runNode({
			node: new Bitrix24Trigger(),
			parameters: { events: GUIDE_EVENTS, fetchRecord: false },
			items: [event({ id: 5 })],
			credentialTypes: [new Bitrix24WebhookApi()],
			credentials: { bitrix24WebhookApi: fake.credentials },
		});
		expect(off.json).toEqual([event({ id: 5 })]);
		expect(fake.stats.requests).toBe(0);
	});

	test('a record that is gone fails the execution (the event stays in it), or becomes an error item with Continue on Fail', async () => {
		const params = { node: new Bitrix24Trigger(), parameters: { events: GUIDE_EVENTS, fetchRecord: true }, items: [event({ id: 999999 })], credentialTypes: [new Bitrix24WebhookApi()], credentials: { bitrix24WebhookApi: fake.credentials } };
		const failed = await runNode(params);
		expect(failed.error).toBeDefined();
		expect(failed.error!.message).not.toContain(fake.credentials.webhookSecret);
		const continued = await runNode({ ...params, continueOnFail: true });
		expect(continued.json).toHaveLength(1);
		expect(continued.json[0]).toMatchObject({ id: 999999 });
		expect(typeof continued.json[0].error).toBe('string');
		expect(String(continued.json[0].error)).not.toContain(fake.credentials.webhookSecret);
	});
});

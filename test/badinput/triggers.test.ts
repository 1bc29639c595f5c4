/**
 * The corpus's bodies against every trigger's webhook, in n8n-core's WebhookContext: Bitrix24
 * Trigger (form and JSON bodies), Pixlpark Trigger (JSON), 1C Exchange Trigger (queries, headers,
 * uploaded files, over HTTP through the 1C harness). Each call is answered (400/401, or 200 with
 * the 1C protocol's "failure"), never thrown; forged calls start nothing; Object.prototype stays
 * clean after each.
 */
import { parse as parseQuerystring } from 'querystring';
import { mock } from 'jest-mock-extended';
import { WebhookContext } from 'n8n-core';
import type { ICredentialType, IDataObject, INode, INodeType, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { Bitrix24Trigger } from '../../nodes/Bitrix24/Bitrix24Trigger.node';
import { GUIDE_EVENTS } from '../../nodes/Bitrix24/trigger/events';
import { PixlparkTrigger } from '../../nodes/Pixlpark/PixlparkTrigger.node';
import { startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';
import { TestCredentialsHelper } from '../helpers/engine';
import { startExchangeHarness, type Harness } from '../onec/harness';
import { RecordedResponse } from '../pixlpark/contexts';
import { BODY_CASES, FORM_CASES, HUGE, pollution } from './corpus';

const APP_TOKEN = 'badinput-app-token-44f0a2';
const HOOK_SECRET = 'badinput-hook-secret-7c1d';
const ONEC_LOGIN = 'site-exchange';
const ONEC_PASSWORD = 'badinput-1c-Pass-9e';

interface Call {
	node: INodeType;
	parameters: IDataObject;
	credentialTypes: ICredentialType[];
	credentials: Record<string, IDataObject>;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
}

/** One webhook call in n8n-core's WebhookContext; a throw is returned, not raised, so the test can report it. */
async function webhook(call: Call): Promise<{ result?: IWebhookResponseData; thrown?: unknown; response: RecordedResponse }> {
	const node: INode = { id: 'trigger', name: 'Trigger', type: `test.${call.node.description.name}`, typeVersion: 1, position: [0, 0], parameters: call.parameters as INode['parameters'], credentials: Object.fromEntries(Object.keys(call.credentials).map((name) => [name, { id: '1', name }])), webhookId: 'hook' };
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, nodeTypes: { getByName: () => call.node, getByNameAndVersion: () => call.node, getKnownTypes: () => ({}) }, active: true, settings: { executionOrder: 'v1' } });
	const additionalData = mock<IWorkflowExecuteAdditionalData>({ currentNodeParameters: undefined });
	additionalData.credentialsHelper = new TestCredentialsHelper(Object.fromEntries(call.credentialTypes.map((t) => [t.name, t])), { ...call.credentials } as never);
	additionalData.executionId = '1';
	additionalData.restartExecutionId = undefined;
	additionalData.executionTimeoutTimestamp = undefined;
	additionalData.evalLlmMockHandler = undefined;
	additionalData.encryptedRunnerIdentity = undefined;
	additionalData.instanceBaseUrl = 'http://127.0.0.1/';
	additionalData.webhookBaseUrl = 'http://127.0.0.1/webhook/';
	additionalData.variables = {};
	const response = new RecordedResponse();
	const headers = Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	additionalData.httpRequest = { method: 'POST', headers, params: {}, query: call.query ?? {}, body: call.body, rawBody: call.rawBody } as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookData = mock<IWebhookData>({ httpMethod: 'POST', node: 'Trigger', path: 'hook', webhookDescription: { name: 'default', httpMethod: 'POST', path: 'hook' } });
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	try {
		return { result: await call.node.webhook!.call(context), response };
	} catch (thrown) {
		return { thrown, response };
	}
}

const started = (r: { result?: IWebhookResponseData }) => (r.result?.workflowData ?? []).some((items) => items.length > 0);
const short = (v: unknown) => String(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 120);

describe('bad input: Bitrix24 Trigger webhook', () => {
	const call = (raw: string, contentType: string, body: unknown) =>
		webhook({
			node: new Bitrix24Trigger(),
			parameters: { events: GUIDE_EVENTS },
			credentialTypes: [new Bitrix24WebhookApi()],
			credentials: { bitrix24WebhookApi: { portalUrl: 'https://shop.bitrix24.ru', userId: '1', webhookSecret: 'badinput-incoming-code', applicationToken: APP_TOKEN, rateLimit: 'standard' } },
			headers: { 'content-type': contentType },
			body,
			rawBody: Buffer.from(raw),
		});
	afterEach(() => expect(pollution()).toEqual([]));

	it.each(FORM_CASES)('form body "$name": answered 400/401 (or 200 without an execution), never thrown', async ({ raw }) => {
		const problems: string[] = [];
		for (const [label, body] of [
			['without token', raw],
			['with the right token', `${raw}&auth[application_token]=${APP_TOKEN}&auth[domain]=shop.bitrix24.ru`],
		] as const) {
			const r = await call(body, 'application/x-www-form-urlencoded', parseQuerystring(body));
			if (r.thrown) problems.push(`${label}: threw ${short((r.thrown as Error).message)}`);
			// A malformed body is refused (400) before its token is looked at.
			else if (label === 'without token' && (![400, 401].includes(r.response.statusCode) || started(r))) problems.push(`${label}: ${r.response.statusCode} ${short(r.response.body)}, started=${started(r)}`);
			else if (!started(r) && ![200, 400, 401].includes(r.response.statusCode)) problems.push(`${label}: status ${r.response.statusCode}`);
			else if (started(r) && JSON.stringify(r.result!.workflowData).includes(APP_TOKEN)) problems.push(`${label}: the token is in the item`);
			expect(pollution()).toEqual([]);
		}
		expect(problems).toEqual([]);
	});

	it.each(BODY_CASES)('JSON body "$name": rejected with 400/401, never thrown', async ({ body }) => {
		const raw = JSON.stringify(body);
		const r = await call(raw, 'application/json', body);
		expect(r.thrown).toBeUndefined();
		expect([400, 401]).toContain(r.response.statusCode);
		expect(started(r)).toBe(false);
	});
});

describe('bad input: Pixlpark Trigger webhook', () => {
	let fake: FakePixlpark;
	beforeAll(async () => {
		fake = await startFakePixlpark({ orders: 3 });
	});
	afterAll(async () => fake.close());
	afterEach(() => expect(pollution()).toEqual([]));

	const call = (body: unknown, query: Record<string, string>, output = 'raw') =>
		webhook({
			node: new PixlparkTrigger(),
			parameters: { events: ['placed', 'changed'], secretLocation: 'query', secret: HOOK_SECRET, output },
			credentialTypes: [new PixlparkApi()],
			credentials: { pixlparkApi: fake.credentials() },
			headers: { 'content-type': 'application/json' },
			query,
			body,
			rawBody: Buffer.from(JSON.stringify(body) ?? ''),
		});

	it.each(BODY_CASES)('body "$name": 401 without the secret; with it 400 or one clean item; never thrown', async ({ body }) => {
		const forged = await call(body, { event: 'placed' });
		expect(forged.thrown).toBeUndefined();
		expect(forged.response.statusCode).toBe(401);
		expect(started(forged)).toBe(false);
		for (const output of ['raw', 'fullOrder']) {
			const r = await call(body, { secret: HOOK_SECRET, event: 'placed' }, output);
			expect(r.thrown).toBeUndefined();
			if (started(r)) {
				const json = r.result!.workflowData![0][0].json;
				expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
				expect(Object.keys(json)).not.toEqual(expect.arrayContaining(['__proto__']));
				expect(JSON.stringify(json)).not.toContain(HOOK_SECRET);
			} else {
				expect(r.response.statusCode).toBe(400);
			}
			expect(pollution()).toEqual([]);
		}
	});

	it('fix: Full Order for an order Pixlpark does not have answers 400 instead of throwing (a failed execution)', async () => {
		const r = await call({ Id: 999999 }, { secret: HOOK_SECRET, event: 'placed' }, 'fullOrder');
		expect(r.thrown).toBeUndefined();
		expect(r.response.statusCode).toBe(400);
		expect(r.response.body).toEqual({ message: 'Pixlpark has no order 999999' });
		const id = [...fake.orders.keys()][0];
		const ok = await call({ Id: id }, { secret: HOOK_SECRET, event: 'placed' }, 'fullOrder');
		expect(ok.result?.workflowData?.[0][0].json.id).toBe(String(id));
	});

	it('wrong query values (arrays, huge, prototype names) are refused, never thrown', async () => {
		const body = fake.webhookPayload('placed', [...fake.orders.keys()][0]);
		for (const query of [{ secret: [HOOK_SECRET, 'x'] }, { secret: HUGE }, { secret: HOOK_SECRET, event: HUGE }, { secret: HOOK_SECRET, event: '__proto__' }, { secret: HOOK_SECRET, event: 'constructor' }] as unknown as Array<Record<string, string>>) {
			const r = await call(body, query);
			expect(r.thrown).toBeUndefined();
			expect([400, 401]).toContain(r.response.statusCode);
			expect(started(r)).toBe(false);
			expect(JSON.stringify(r.response.body).length).toBeLessThan(300);
		}
	});
});

describe('bad input: 1C Exchange Trigger', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startExchangeHarness({ login: ONEC_LOGIN, password: ONEC_PASSWORD, source: () => [] });
	});
	afterAll(async () => await harness.close());
	afterEach(() => expect(pollution()).toEqual([]));

	const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
	async function request(query: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
		const response = await fetch(`${harness.url}?${query}`, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
		return { status: response.status, text: await response.text() };
	}
	async function cookie(): Promise<string> {
		const ok = await request('type=sale&mode=checkauth', { headers: { authorization: basic(ONEC_LOGIN, ONEC_PASSWORD) } });
		const [, name, value] = ok.text.split(/\r?\n/);
		return `${name}=${value}`;
	}

	it('bad queries and credentials: 401 or the protocol\'s "failure", never a 5xx, nothing started', async () => {
		const before = harness.emitted.length;
		const cases: Array<[string, Record<string, string>]> = [
			['type=__proto__&mode=checkauth', {}],
			['type=sale&mode=__proto__', {}],
			['type=sale&mode=constructor', { authorization: basic(ONEC_LOGIN, ONEC_PASSWORD) }],
			['type=sale&type=sale&mode=checkauth&mode=init', {}],
			[`type=sale&mode=${encodeURIComponent('\u0000😀\u202E')}`, {}],
			['type=sale&mode=checkauth', { authorization: 'Basic %%%not-base64' }],
			['type=sale&mode=checkauth', { authorization: basic('__proto__', 'x') }],
			['type=sale&mode=checkauth', { authorization: basic(ONEC_LOGIN, `${ONEC_PASSWORD}\u0000`) }],
			['type=sale&mode=checkauth', { authorization: `Bearer ${ONEC_PASSWORD}` }],
			['type=sale&mode=checkauth', { authorization: `Basic ${'A'.repeat(8000)}` }],
			['type=sale&mode=query', { cookie: '__proto__=1; constructor=2' }],
			['type=sale&mode=query', { cookie: `n8n_1c_exchange=${'x'.repeat(4000)}` }],
			['type=sale&mode=init', { cookie: 'garbage' }],
		];
		const problems: string[] = [];
		for (const [query, headers] of cases) {
			const r = await request(query, { headers });
			const refused = r.status === 401 || (r.status === 200 && r.text.startsWith('failure'));
			if (!refused) problems.push(`${query} ${JSON.stringify(headers).slice(0, 60)}: ${r.status} ${r.text.slice(0, 80)}`);
			if (r.text.includes(ONEC_PASSWORD)) problems.push(`${query}: the password is in the answer`);
			expect(pollution()).toEqual([]);
		}
		expect(problems).toEqual([]);
		expect(harness.emitted.length).toBe(before);
	});

	it('uploaded files from the corpus: "failure" or a parsed file, never a 5xx or a throw', async () => {
		const session = await cookie();
		const bodies: Array<[string, Buffer]> = [
			...BODY_CASES.map(({ name, body }) => [name, Buffer.from(JSON.stringify(body) ?? '')] as [string, Buffer]),
			['empty XML root', Buffer.from('<?xml version="1.0"?><КоммерческаяИнформация/>')],
			['not XML', Buffer.from('\u0000\u0001\u0002binary')],
			['unclosed XML', Buffer.from('<?xml version="1.0"?><КоммерческаяИнформация><Документ>')],
			['entity expansion', Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><КоммерческаяИнформация><Документ><Номер>&c;</Номер></Документ></КоммерческаяИнформация>')],
			['__proto__ elements', Buffer.from('<?xml version="1.0"?><КоммерческаяИнформация><__proto__><polluted>yes</polluted></__proto__><Документ><constructor><prototype><polluted>yes</polluted></prototype></constructor><Номер>1</Номер></Документ></КоммерческаяИнформация>')],
			['huge text', Buffer.from(`<?xml version="1.0"?><КоммерческаяИнформация><Документ><Номер>${HUGE}</Номер></Документ></КоммерческаяИнформация>`)],
		];
		const problems: string[] = [];
		for (const [name, body] of bodies) {
			const r = await request('type=sale&mode=file&filename=../../etc/passwd', { method: 'POST', headers: { cookie: session }, body });
			if (r.status >= 500) problems.push(`${name}: ${r.status} ${r.text.slice(0, 80)}`);
			if (r.text.length > 2000) problems.push(`${name}: answer of ${r.text.length} characters`);
			expect(pollution()).toEqual([]);
		}
		expect(problems).toEqual([]);
		// Still serving after all of it.
		expect((await request('type=sale&mode=init', { headers: { cookie: session } })).text).toMatch(/^zip=no/);
	});
});

import { XMLParser } from 'fast-xml-parser';
import type { IDataObject } from 'n8n-workflow';
import { basicAuthValid, confirmSession, issueCookie, readLedger, recordHandOut, verifyCookie } from '../../nodes/OneCPolygraphy/helpers/exchange';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { readOrder } from '../../nodes/shared/order';
import { runNode } from '../helpers/engine';
import { documentIds, OneCClient, startFakeOneC } from '../fakes/onec';
import { order } from './data';
import { startExchangeHarness, type Harness } from './harness';

const LOGIN = 'site-exchange';
const PASSWORD = 'Gr33n-Tea-1C!';

function basic(login: string, password: string) {
	return `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
}

describe('exchange helpers', () => {
	const credentials = { login: LOGIN, password: PASSWORD };

	it('cookies verify with the same credential only, and expire', () => {
		const now = Date.UTC(2026, 2, 15, 12);
		const { value, session } = issueCookie(credentials, now);
		expect(verifyCookie(credentials, value, now + 1000)).toBe(session);
		expect(verifyCookie({ login: LOGIN, password: 'other' }, value, now)).toBeUndefined();
		expect(verifyCookie(credentials, value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), now)).toBeUndefined();
		expect(verifyCookie(credentials, value, now + 13 * 3600 * 1000)).toBeUndefined();
		expect(verifyCookie(credentials, 'garbage', now)).toBeUndefined();
		expect(value).not.toContain(PASSWORD);
	});

	it('Basic auth needs both parts', () => {
		expect(basicAuthValid(basic(LOGIN, PASSWORD), credentials)).toBe(true);
		expect(basicAuthValid(basic(LOGIN, 'wrong'), credentials)).toBe(false);
		expect(basicAuthValid(basic('someone', PASSWORD), credentials)).toBe(false);
		expect(basicAuthValid(undefined, credentials)).toBe(false);
		expect(basicAuthValid('Bearer x', credentials)).toBe(false);
	});

	it('the ledger: hand-outs become delivered only on confirmation; old entries are pruned', () => {
		const node = { name: 'n' } as never;
		const a = readOrder(order({ id: 'A' }), node, 0);
		const b = readOrder(order({ id: 'B' }), node, 0);
		const ledger = readLedger({});
		recordHandOut(ledger, 's1', [a, b], 1000);
		expect(ledger.delivered).toEqual({});
		expect(confirmSession(ledger, 'other', 1001, 90)).toBe(0);
		expect(confirmSession(ledger, 's1', 1002, 90)).toBe(2);
		expect(ledger.delivered).toEqual({ A: ['2026-03-15T10:00:00.000Z', 1002], B: ['2026-03-15T10:00:00.000Z', 1002] });
		expect(ledger.handedOut).toEqual({});
		recordHandOut(ledger, 's2', [a], 1002 + 2 * 86400);
		recordHandOut(ledger, 's3', [], 1002 + 2 * 86400);
		expect(Object.keys(ledger.handedOut)).toEqual(['s2', 's3']);
		// 91 days later the delivered entries are forgotten.
		confirmSession(ledger, 's3', 1002 + 91 * 86400, 90);
		expect(ledger.delivered).toEqual({});
	});
});

describe('1C exchange over HTTP, step by step', () => {
	let harness: Harness;
	let orders: IDataObject[];
	let failSource = false;

	beforeEach(async () => {
		orders = [order({ id: '1001', number: 'PP-1001' }), order({ id: '1002', number: 'PP-1002' })];
		failSource = false;
		harness = await startExchangeHarness({ login: LOGIN, password: PASSWORD, source: () => orders, sourceFails: () => failSource });
	});

	afterEach(async () => {
		await harness.close();
	});

	it('checkauth with a wrong or missing password: 401 "failure", no cookie, nothing stored', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: 'wrong' });
		const wrong = await client.checkauth();
		expect(wrong.status).toBe(401);
		expect(wrong.body).toBe('failure\nwrong login or password');
		expect(client.cookie).toBeUndefined();
		const none = await client.checkauth(null);
		expect(none.status).toBe(401);
		// Without a cookie every later step is refused, and no workflow starts.
		expect((await client.init()).body).toBe('failure\nnot authorized: call mode=checkauth first');
		expect((await client.query()).body).toBe('failure\nnot authorized: call mode=checkauth first');
		expect((await client.success()).body).toBe('failure\nnot authorized: call mode=checkauth first');
		expect(harness.emitted).toEqual([]);
		expect(harness.stored()).toEqual({});
		// A forged cookie does not help either.
		client.cookie = 'onec_exchange=lqz1x.0011223344556677889900aa.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
		expect((await client.query()).body).toMatch(/^failure/);
	});

	it('the whole protocol: checkauth, init, query, success; then nothing again', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		const auth = await client.checkauth();
		expect(auth.status).toBe(200);
		const lines = auth.body.split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toBe('success');
		expect(lines[1]).toBe('onec_exchange');
		expect(lines[2]).toMatch(/^[0-9a-z]+\.[0-9a-f]{24}\.[\w-]{32}$/);
		expect(auth.body).not.toContain(PASSWORD);

		const init = await client.init();
		expect(init.body).toBe('zip=no\nfile_limit=10485760');

		const query = await client.query();
		expect(query.status).toBe(200);
		expect(query.contentType).toBe('application/xml; charset=windows-1251');
		expect(query.body.startsWith('<?xml version="1.0" encoding="windows-1251"?>')).toBe(true);
		expect(documentIds(query.body)).toEqual(['1001', '1002']);
		const parsed = new XMLParser({ isArray: (n) => n === 'Документ' }).parse(query.body) as { КоммерческаяИнформация: { Документ: IDataObject[] } };
		expect(parsed.КоммерческаяИнформация.Документ.map((d) => d.Номер)).toEqual(['PP-1001', 'PP-1002']);
		expect(harness.emitted).toHaveLength(1);
		expect(harness.emitted[0].output).toBe(0);
		expect(harness.emitted[0].items[0].json).toMatchObject({ mode: 'query', session: lines[2].split('.')[1] });

		// Handed out, not yet delivered.
		const session = lines[2].split('.')[1];
		const before = harness.stored().global as IDataObject;
		expect((before.onecExchange as IDataObject).delivered).toEqual({});
		expect(Object.keys(((before.onecExchange as IDataObject).handedOut as IDataObject)[session] as IDataObject)).toEqual(['at', 'orders']);

		const success = await client.success();
		expect(success.body).toBe('success');
		const after = (harness.stored().global as IDataObject).onecExchange as { delivered: IDataObject; handedOut: IDataObject };
		expect(Object.keys(after.delivered).sort()).toEqual(['1001', '1002']);
		expect(after.handedOut).toEqual({});

		// The next scheduled exchange gets an empty document.
		const next = await client.exchange();
		expect(documentIds(next.query.body)).toEqual([]);
		expect(next.query.body).toMatch(/<КоммерческаяИнформация ВерсияСхемы="2.08" ДатаФормирования="[^"]+"(\/>|><\/КоммерческаяИнформация>)/);
	});

	it('1C fails before success: the same orders come again; after success never again', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		const crashed = await client.exchange({ failBeforeSuccess: true });
		expect(documentIds(crashed.query.body)).toEqual(['1001', '1002']);
		expect(crashed.steps.map((s) => s.mode)).toEqual(['checkauth', 'init', 'query']);

		// A new order arrives meanwhile.
		orders.push(order({ id: '1003', number: 'PP-1003' }));
		const retried = await client.exchange();
		expect(documentIds(retried.query.body)).toEqual(['1001', '1002', '1003']);

		const again = await client.exchange();
		expect(documentIds(again.query.body)).toEqual([]);
		// Two sessions were handed out; the confirmed one became delivered, the crashed one stays pending until pruned.
		const ledger = (harness.stored().global as IDataObject).onecExchange as { delivered: IDataObject; handedOut: IDataObject };
		expect(Object.keys(ledger.delivered).sort()).toEqual(['1001', '1002', '1003']);
		expect(Object.keys(ledger.handedOut)).toHaveLength(1);
	});

	it('success only confirms what that session handed out: an order that arrives between query and success goes out next time', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		await client.checkauth();
		await client.init();
		expect(documentIds((await client.query()).body)).toEqual(['1001', '1002']);
		orders.push(order({ id: '1004', number: 'PP-1004' }));
		await client.success();
		const next = await client.exchange();
		expect(documentIds(next.query.body)).toEqual(['1004']);
	});

	it('an order changed after delivery goes out again (its new version)', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		await client.exchange();
		orders[1] = order({ id: '1002', number: 'PP-1002', status: 'Оплачен', updatedAt: '2026-03-16T08:00:00Z' });
		const next = await client.exchange();
		expect(documentIds(next.query.body)).toEqual(['1002']);
		expect(next.query.body).toContain('<Значение>Оплачен</Значение>');
		expect(documentIds((await client.exchange()).query.body)).toEqual([]);
	});

	it('the workflow fails on query: 1C gets 500, nothing is recorded, the next exchange hands the orders out', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		failSource = true;
		await client.checkauth();
		await client.init();
		const failed = await client.query();
		expect(failed.status).toBe(500);
		await client.success();
		expect(harness.stored()).toEqual({ global: { onecExchange: { delivered: {}, handedOut: {} } } });
		failSource = false;
		expect(documentIds((await client.exchange()).query.body)).toEqual(['1001', '1002']);
	});

	it('a bad Order from the source fails the query (500) rather than being skipped silently', async () => {
		orders.push({ id: 'broken', customer: { type: 'person', name: 'X' } });
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		await client.checkauth();
		expect((await client.query()).status).toBe(500);
	});

	it('mode=file: 1C sends order changes back; they are accepted ("success") and emitted as items', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		await client.checkauth();
		const xml =
			'<?xml version="1.0" encoding="windows-1251"?>\n<КоммерческаяИнформация ВерсияСхемы="2.08" ДатаФормирования="2026-03-16T10:00:00">' +
			'<Документ><Ид>1001</Ид><Номер>PP-1001</Номер><Дата>2026-03-15</Дата><ХозОперация>Заказ товара</ХозОперация><Сумма>2350.00</Сумма>' +
			'<ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Статус заказа</Наименование><Значение>[F] Выполнен</Значение></ЗначениеРеквизита>' +
			'<ЗначениеРеквизита><Наименование>Номер по 1С</Наименование><Значение>ЗК-000123</Значение></ЗначениеРеквизита></ЗначенияРеквизитов></Документ>' +
			'<Документ><Ид>1002</Ид><Номер>PP-1002</Номер></Документ></КоммерческаяИнформация>';
		const bytes = Buffer.from(new Uint8Array([...xml].map((ch) => {
			const code = ch.charCodeAt(0);
			if (code < 128) return code;
			if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
			if (code === 0x401) return 0xa8;
			if (code === 0x451) return 0xb8;
			throw new Error(`test: ${ch} not mapped`);
		})));
		const answer = await client.file(bytes, 'orders-from-1c.xml');
		expect(answer.body).toBe('success');
		expect(harness.emitted).toHaveLength(1);
		expect(harness.emitted[0].output).toBe(1);
		const items = harness.emitted[0].items;
		expect(items.map((i) => i.json.id)).toEqual(['1001', '1002']);
		expect(items[0].json).toMatchObject({
			mode: 'file',
			fileName: 'orders-from-1c.xml',
			number: 'PP-1001',
			date: '2026-03-15',
			operation: 'Заказ товара',
			sum: '2350.00',
			requisites: { 'Статус заказа': '[F] Выполнен', 'Номер по 1С': 'ЗК-000123' },
		});
		expect(items[1].json.requisites).toEqual({});
		expect(items[0].binary?.data.fileName).toBe('orders-from-1c.xml');
	});

	it('mode=file with something that is not CommerceML: "failure", nothing emitted', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		await client.checkauth();
		expect((await client.file(Buffer.from('<html/>'))).body).toBe('failure\norders.xml: the file is not CommerceML (no КоммерческаяИнформация element)');
		expect((await client.file(Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><КоммерческаяИнформация/>'))).body).toMatch(/^failure\norders.xml: the document declares a DOCTYPE/);
		expect(harness.emitted).toEqual([]);
	});

	it('other types and unknown modes are refused', async () => {
		const client = new OneCClient({ url: harness.url, login: LOGIN, password: PASSWORD });
		await client.checkauth();
		const catalog = await fetch(`${harness.url}?type=catalog&mode=init`, { headers: { cookie: client.cookie! } });
		expect(await catalog.text()).toBe('failure\nonly type=sale (orders) is served here, got type=catalog');
		const unknown = await fetch(`${harness.url}?type=sale&mode=deactivate`, { headers: { cookie: client.cookie! } });
		expect(await unknown.text()).toBe('failure\nunknown mode deactivate');
	});
});

describe('1C exchange with options', () => {
	it('file limit option, and Basic auth on every request instead of a cookie', async () => {
		const harness = await startExchangeHarness({ login: LOGIN, password: PASSWORD, source: () => [order()], triggerOptions: { fileLimit: 2048 } });
		try {
			const headers = { authorization: basic(LOGIN, PASSWORD) };
			expect(await (await fetch(`${harness.url}?type=sale&mode=init`, { headers })).text()).toBe('zip=no\nfile_limit=2048');
			const query = await (await fetch(`${harness.url}?type=sale&mode=query`, { headers })).arrayBuffer();
			expect(documentIds(new TextDecoder('windows-1251').decode(query))).toEqual(['1001']);
			expect(await (await fetch(`${harness.url}?type=sale&mode=success`, { headers })).text()).toBe('success');
			const again = await (await fetch(`${harness.url}?type=sale&mode=query`, { headers })).arrayBuffer();
			expect(documentIds(new TextDecoder('windows-1251').decode(again))).toEqual([]);
		} finally {
			await harness.close();
		}
	});
});

describe('Order -> Answer 1C Exchange Query in the engine', () => {
	const node = new OneCPolygraphy();
	const parameters = { resource: 'order', operation: 'answerExchangeQuery', session: 's-1', fileEncoding: 'utf-8' };

	it('hands out the orders, records them under the session, and skips placeholders and upstream error items', async () => {
		const staticData: IDataObject = {};
		const result = await runNode({ node, parameters, items: [{}, { error: 'Pixlpark: order 9 not found' }, order({ id: '1001' }), order({ id: '1001' })], staticData, mode: 'webhook' });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(1);
		expect(result.json[0]).toEqual({ session: 's-1', handedOut: ['1001'], alreadyDelivered: [], count: 1, ignoredItems: 2 });
		expect(result.outputs[0][0].pairedItem).toEqual([{ item: 2 }]);
		expect(result.outputs[0][0].binary!.data.mimeType).toBe('application/xml; charset=utf-8');
		const ledger = (staticData.global as IDataObject).onecExchange as { handedOut: Record<string, { orders: IDataObject }> };
		expect(ledger.handedOut['s-1'].orders).toEqual({ '1001': '2026-03-15T10:00:00.000Z' });
	});

	it('with nothing pending it still answers one item with an empty document', async () => {
		const staticData: IDataObject = { global: { onecExchange: { delivered: { '1001': ['2026-03-15T10:00:00.000Z', 1] }, handedOut: {} } } };
		const result = await runNode({ node, parameters, items: [order({ id: '1001' })], staticData, mode: 'webhook' });
		expect(result.json[0]).toMatchObject({ handedOut: [], alreadyDelivered: ['1001'], count: 0 });
		const xml = Buffer.from(result.outputs[0][0].binary!.data.data, 'base64').toString('utf8');
		expect(documentIds(xml)).toEqual([]);
		expect(xml).toContain('<КоммерческаяИнформация ВерсияСхемы="2.08"');
	});

	it('without a session and not after a 1C Exchange Trigger it says what to do', async () => {
		const result = await runNode({ node, parameters: { ...parameters, session: '' }, items: [order()] });
		expect(result.error?.message).toBe('No exchange session: put this node after a 1C Exchange Trigger ("Orders Requested" output) or set "Exchange Session"');
	});

	it('Continue on Fail: a bad Order becomes an error item after the answer; the good ones go out', async () => {
		const result = await runNode({ node, parameters, items: [order({ id: '1001' }), { id: 'x', customer: { type: 'robot' } }], staticData: {}, mode: 'webhook', continueOnFail: true });
		expect(result.outputs[0]).toHaveLength(2);
		expect(result.json[0]).toMatchObject({ handedOut: ['1001'], count: 1 });
		expect(result.json[1]).toEqual({ error: 'Item 1: order field "createdAt" is missing' });
		expect(result.outputs[0][1].pairedItem).toEqual({ item: 1 });
	});
});

describe('fake 1C control server (sandbox use)', () => {
	it('runs an exchange on POST /exchange and lists the steps', async () => {
		const harness = await startExchangeHarness({ login: LOGIN, password: PASSWORD, source: () => [order()] });
		const fake = await startFakeOneC({ url: harness.url, login: LOGIN, password: PASSWORD });
		try {
			const first = (await (await fetch(`${fake.url}/exchange`, { method: 'POST', body: JSON.stringify({ failBeforeSuccess: true }) })).json()) as { orders: string[] };
			expect(first.orders).toEqual(['1001']);
			const second = (await (await fetch(`${fake.url}/exchange`, { method: 'POST' })).json()) as { orders: string[]; steps: Array<{ mode: string }> };
			expect(second.orders).toEqual(['1001']);
			expect(second.steps.map((s) => s.mode)).toEqual(['checkauth', 'init', 'query', 'success']);
			const third = (await (await fetch(`${fake.url}/exchange`, { method: 'POST' })).json()) as { orders: string[] };
			expect(third.orders).toEqual([]);
			expect(((await (await fetch(`${fake.url}/steps`)).json()) as unknown[]).length).toBe(11);
		} finally {
			await fake.close();
			await harness.close();
		}
	});
});

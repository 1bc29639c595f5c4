/**
 * The Bitrix24 Trigger in a real n8n 2.41 process: an active workflow, real form-encoded POSTs to
 * its production URL (sent the way a portal sends them, by the fake portal's event sender).
 */
import { seedDeal, startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { nodeItems, startN8n, type N8nInstance } from './n8n';

const TOKEN = 'e2e-outgoing-token-5f0c2a9d';
const PLAIN_ID = '0b1e7e11-0000-4000-8000-00000000b241';
const FETCH_ID = '0b1e7e11-0000-4000-8000-00000000b242';
const CREDENTIAL_ID = 'bx24e2eCred00001';

let n8n: N8nInstance;
let fake: FakeBitrix24;
let plainWorkflow: string;
let fetchWorkflow: string;

function triggerWorkflow(name: string, webhookId: string, fetchRecord: boolean) {
	return {
		name,
		nodes: [
			{
				id: `${webhookId}-t`,
				name: 'Bitrix24 Trigger',
				type: 'n8n-nodes-pixlpark-erp.bitrix24Trigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: ['ONCRMDEALUPDATE', 'ONCRMDEALDELETE', 'ONCRMCONTACTUPDATE'], fetchRecord },
				credentials: { bitrix24WebhookApi: { id: CREDENTIAL_ID, name: 'Fake portal' } },
			},
			{ id: `${webhookId}-n`, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'Bitrix24 Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const plainUrl = () => n8n.webhookUrl(`${PLAIN_ID}/bitrix24`);
const fetchUrl = () => n8n.webhookUrl(`${FETCH_ID}/bitrix24`);

async function postForm(url: string, body: string | Buffer) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
	return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
	fake = await startFakeBitrix24({ bucket: false, applicationToken: TOKEN });
	n8n = await startN8n();
	await n8n.importCredentials([{ id: CREDENTIAL_ID, name: 'Fake portal', type: 'bitrix24WebhookApi', data: { ...fake.credentials } }]);
	plainWorkflow = await n8n.importWorkflow(triggerWorkflow('Bitrix24 events', PLAIN_ID, false));
	fetchWorkflow = await n8n.importWorkflow(triggerWorkflow('Bitrix24 events with record', FETCH_ID, true));
	await n8n.activateWorkflow(plainWorkflow);
	await n8n.activateWorkflow(fetchWorkflow);
});

afterAll(async () => {
	await n8n?.stop();
	await fake?.close();
});

test('a valid event starts one execution whose item is the event, without the token', async () => {
	const delivery = await fake.sendEvent(plainUrl(), 'ONCRMDEALUPDATE', 123);
	expect(delivery.status).toBe(200);
	const [execution] = await n8n.waitForExecutions(plainWorkflow, 1);
	expect(execution.status).toBe('success');
	const full = await n8n.getExecution(execution.id);
	const items = nodeItems(full, 'Bitrix24 Trigger');
	expect(items).toHaveLength(1);
	const host = new URL(fake.url).host;
	expect(items[0]).toEqual({ event: 'ONCRMDEALUPDATE', entity: 'deal', action: 'update', id: 123, ts: expect.any(Number), portal: host, memberId: 'fakememberid0123456789abcdef0123' });
	expect(nodeItems(full, 'Done')).toEqual(items);
	expect(JSON.stringify(full.data)).not.toContain(TOKEN);
});

test('100 forged calls (wrong token, no token, another portal\'s token) get 401 and start nothing', async () => {
	const before = (await n8n.listExecutions(plainWorkflow)).length;
	const statuses: number[] = [];
	for (let i = 0; i < 40; i++) statuses.push((await fake.sendEvent(plainUrl(), 'ONCRMDEALUPDATE', 1000 + i, { applicationToken: `${TOKEN.slice(0, -1)}${i % 10}` })).status);
	for (let i = 0; i < 30; i++) {
		const body = `event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=${2000 + i}&ts=1733340000&auth%5Bdomain%5D=${encodeURIComponent(new URL(fake.url).host)}&auth%5Bmember_id%5D=x`;
		statuses.push((await postForm(plainUrl(), body)).status);
	}
	for (let i = 0; i < 30; i++) {
		const body = `event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=${3000 + i}&ts=1733340000&auth%5Bdomain%5D=other-shop.bitrix24.ru&auth%5Bmember_id%5D=othermember&auth%5Bapplication_token%5D=other-portal-token-${i}`;
		statuses.push((await postForm(plainUrl(), body)).status);
	}
	expect(statuses).toHaveLength(100);
	expect(statuses.filter((s) => s !== 401)).toEqual([]);
	// A valid call afterwards: once its execution is there, every earlier call has been handled.
	expect((await fake.sendEvent(plainUrl(), 'ONCRMDEALUPDATE', 4000)).status).toBe(200);
	const after = await n8n.waitForExecutions(plainWorkflow, before + 1);
	expect(after).toHaveLength(before + 1);
	const newest = await n8n.getExecution(after[0].id);
	expect(nodeItems(newest, 'Bitrix24 Trigger')[0].id).toBe(4000);
});

test('malformed and 1 MB bodies get 400, unselected events 200 without an execution, and n8n keeps serving', async () => {
	const before = (await n8n.listExecutions(plainWorkflow)).length;
	const token = `auth%5Bapplication_token%5D=${TOKEN}`;
	const malformed = [
		`event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID=5&${token}`,
		`event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=%E0%A4%A&${token}`,
		`event=ONCRMDEALUPDATE&data=1&data%5BFIELDS%5D%5BID%5D=5&${token}`,
		`event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=abc&${token}`,
		'',
	];
	for (const body of malformed) expect({ body, status: (await postForm(plainUrl(), body)).status }).toEqual({ body, status: 400 });
	const huge = Buffer.alloc(1024 * 1024, 'a');
	expect((await postForm(plainUrl(), huge)).status).toBe(400);
	const hugeValid = `event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=5&${token}&pad=${'x'.repeat(1024 * 1024)}`;
	expect((await postForm(plainUrl(), hugeValid)).status).toBe(400);
	const polluting = `event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=6&__proto__%5Bpolluted%5D=1&constructor%5Bprototype%5D%5Bx%5D=1&${token}`;
	const unselected = await fake.sendEvent(plainUrl(), 'ONCRMLEADUPDATE', 7);
	expect(unselected.status).toBe(200);
	expect(JSON.parse(unselected.body)).toEqual({ received: true, ignored: 'event ONCRMLEADUPDATE is not selected' });
	// Still serving: a valid call works, and the prototype keys were simply dropped.
	expect((await postForm(plainUrl(), polluting)).status).toBe(200);
	const after = await n8n.waitForExecutions(plainWorkflow, before + 1);
	expect(after).toHaveLength(before + 1);
	expect(nodeItems(await n8n.getExecution(after[0].id), 'Bitrix24 Trigger')).toEqual([expect.objectContaining({ id: 6, event: 'ONCRMDEALUPDATE' })]);
});

test('with "Fetch the Changed Record", the item carries the deal as the portal holds it', async () => {
	const id = seedDeal(fake.db, { TITLE: 'Pixlpark order 5512', STAGE_ID: 'PREPARATION', OPPORTUNITY: '2490.00', CURRENCY_ID: 'RUB' });
	// The portal itself reports the change: a REST update fires ONCRMDEALUPDATE to the handler.
	fake.addOutgoingWebhook(fetchUrl(), ['ONCRMDEALUPDATE', 'ONCRMDEALDELETE']);
	const { portalUrl, userId, webhookSecret } = fake.credentials;
	const update = await fetch(`${portalUrl}/rest/${userId}/${webhookSecret}/crm.deal.update.json`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id, fields: { STAGE_ID: 'EXECUTING' } }),
	});
	expect(update.status).toBe(200);
	await fake.flushEvents();
	expect(fake.events.filter((e) => e.url === fetchUrl()).map((e) => e.status)).toEqual([200]);
	const [execution] = await n8n.waitForExecutions(fetchWorkflow, 1);
	expect(execution.status).toBe('success');
	const [item] = nodeItems(await n8n.getExecution(execution.id), 'Bitrix24 Trigger');
	const held = fake.db.deals.get(id) as Record<string, unknown>;
	expect(item).toMatchObject({ event: 'ONCRMDEALUPDATE', entity: 'deal', action: 'update', id });
	expect(item.record).toMatchObject({ ID: String(id), TITLE: 'Pixlpark order 5512', STAGE_ID: 'EXECUTING', OPPORTUNITY: held.OPPORTUNITY });
	for (const key of ['TITLE', 'STAGE_ID', 'CURRENCY_ID', 'CATEGORY_ID']) expect(item.record[key]).toEqual(held[key]);

	// A delete keeps only the id (nothing to re-read).
	expect((await fake.sendEvent(fetchUrl(), 'ONCRMDEALDELETE', id)).status).toBe(200);
	const both = await n8n.waitForExecutions(fetchWorkflow, 2);
	const [deleted] = nodeItems(await n8n.getExecution(both[0].id), 'Bitrix24 Trigger');
	expect(deleted).toEqual({ event: 'ONCRMDEALDELETE', entity: 'deal', action: 'delete', id, ts: expect.any(Number), portal: new URL(fake.url).host, memberId: expect.any(String) });
});

test('no secret reaches n8n\'s log', () => {
	const logs = n8n.logs();
	expect(logs).not.toContain(TOKEN);
	expect(logs).not.toContain(fake.credentials.webhookSecret);
});

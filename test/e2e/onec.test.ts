/**
 * 1C exchange in a real n8n process: the fake 1C client (test/fakes/onec) drives the standard
 * site exchange (type=sale) over HTTP against an active workflow
 *   1C Exchange Trigger -> HTTP Request (the shop's pending orders, from a local test server)
 *   -> 1C Polygraphy "Answer 1C Exchange Query"
 * including a 1C failure before `success`. The delivery ledger lives in the workflow's static
 * data, saved by n8n itself between the separate executions and requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documentIds, OneCClient } from '../fakes/onec';
import { order } from '../onec/data';
import { nodeItems, PACKAGE_NAME, startN8n, type N8nInstance } from './n8n';

const WEBHOOK_ID = 'c1c1c1c1-0000-4000-8000-0000000001c1';
const CREDENTIAL_ID = 'onecExchangeE2e1';
const LOGIN = 'site-exchange';
const PASSWORD = 'e2e-1c-exchange-password';

let n8n: N8nInstance;
let shop: Server;
let shopUrl = '';
let workflowId = '';
const pending: Array<Record<string, unknown>> = [];

beforeAll(async () => {
	shop = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(pending));
	});
	await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
	shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/orders`;
	n8n = await startN8n();
	await n8n.importCredentials([{ id: CREDENTIAL_ID, name: '1C exchange', type: 'oneCExchangeApi', data: { login: LOGIN, password: PASSWORD } }]);
	const id = await n8n.importWorkflow({
		name: '1C exchange (e2e)',
		nodes: [
			{
				id: 'e1',
				name: '1C Exchange Trigger',
				type: `${PACKAGE_NAME}.oneCExchangeTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: { options: {} },
				credentials: { oneCExchangeApi: { id: CREDENTIAL_ID, name: '1C exchange' } },
			},
			{
				id: 'e2',
				name: 'Pending Orders',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				alwaysOutputData: true,
				parameters: { url: shopUrl, options: {} },
			},
			{
				id: 'e3',
				name: 'Answer 1C',
				type: `${PACKAGE_NAME}.oneCPolygraphy`,
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'order', operation: 'answerExchangeQuery', fileEncoding: 'windows-1251', currency: 'руб' },
			},
		],
		connections: {
			'1C Exchange Trigger': { main: [[{ node: 'Pending Orders', type: 'main', index: 0 }], []] },
			'Pending Orders': { main: [[{ node: 'Answer 1C', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	workflowId = id;
	await n8n.activateWorkflow(id);
});

afterAll(async () => {
	await n8n?.stop();
	await new Promise<void>((resolve) => (shop ? shop.close(() => resolve()) : resolve()));
});

const url = () => n8n.webhookUrl(`${WEBHOOK_ID}/exchange`);

test('a wrong password is refused at checkauth, and nothing else is served without the cookie', async () => {
	const client = new OneCClient({ url: url(), login: LOGIN, password: 'wrong-password' });
	const auth = await client.checkauth();
	expect(auth.status).toBe(401);
	expect(auth.body).toBe('failure\nwrong login or password');
	const query = await client.query();
	expect(query.body).toBe('failure\nnot authorized: call mode=checkauth first');
	expect(n8n.logs()).not.toContain(PASSWORD);
});

test('checkauth, init, query, 1C fails before success -> the orders again; success -> never again', async () => {
	pending.push(order({ id: '5001', number: 'PP-5001' }), order({ id: '5002', number: 'PP-5002' }));
	const client = new OneCClient({ url: url(), login: LOGIN, password: PASSWORD });

	const crashed = await client.exchange({ failBeforeSuccess: true });
	const [auth, init, query] = crashed.steps;
	expect(auth.body).toMatch(/^success\nonec_exchange\n\S+$/);
	expect(init.body).toBe('zip=no\nfile_limit=10485760');
	expect(query.status).toBe(200);
	expect(query.body.startsWith('<?xml version="1.0" encoding="windows-1251"?>')).toBe(true);
	expect(query.body).toContain('<Валюта>руб</Валюта>');
	expect(documentIds(query.body)).toEqual(['5001', '5002']);

	// 1C never said success: the next exchange hands out the same orders (plus a new one).
	pending.push(order({ id: '5003', number: 'PP-5003' }));
	const retried = await client.exchange();
	expect(documentIds(retried.query.body)).toEqual(['5001', '5002', '5003']);
	expect(retried.steps.map((s) => s.body.split('\n')[0])).toEqual(['success', 'zip=no', '<?xml version="1.0" encoding="windows-1251"?>', 'success']);

	// Confirmed: never again, even though the shop still lists them.
	const after = await client.exchange();
	expect(documentIds(after.query.body)).toEqual([]);

	// A changed order is a new version and goes out once more.
	pending[0] = order({ id: '5001', number: 'PP-5001', status: 'Оплачен', updatedAt: '2026-03-20T08:00:00Z' });
	const changed = await client.exchange();
	expect(documentIds(changed.query.body)).toEqual(['5001']);
	expect(documentIds((await client.exchange()).query.body)).toEqual([]);
});

test('no pending orders at all: 1C gets an empty document, not an error', async () => {
	pending.length = 0;
	const client = new OneCClient({ url: url(), login: LOGIN, password: PASSWORD });
	const { query } = await client.exchange();
	expect(query.status).toBe(200);
	expect(documentIds(query.body)).toEqual([]);
	expect(query.body).toContain('<КоммерческаяИнформация ВерсияСхемы="2.08"');
});

test('mode=file: 1C posts its changes; n8n answers success and starts the workflow', async () => {
	const client = new OneCClient({ url: url(), login: LOGIN, password: PASSWORD });
	await client.checkauth();
	const before = (await n8n.listExecutions(workflowId)).length;
	const xml = '<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация ВерсияСхемы="2.08"><Документ><Ид>5001</Ид><Номер>PP-5001</Номер></Документ></КоммерческаяИнформация>';
	const answer = await client.file(Buffer.from(xml, 'utf8'), 'changes.xml');
	expect(answer.status).toBe(200);
	expect(answer.body).toBe('success');
	const executions = await n8n.waitForExecutions(workflowId, before + 1);
	const execution = await n8n.getExecution(executions[0].id);
	const [change] = nodeItems(execution, '1C Exchange Trigger', 1);
	expect(change).toMatchObject({ mode: 'file', fileName: 'changes.xml', id: '5001', number: 'PP-5001' });
	// The "Orders Requested" branch did not run for an upload.
	expect(nodeItems(execution, '1C Exchange Trigger', 0)).toEqual([]);
});

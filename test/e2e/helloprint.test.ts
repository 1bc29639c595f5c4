/**
 * HelloPrint in a real n8n process: an Order item (from a Set node) is sent to the fake HelloPrint
 * through the installed package, with an answer lost on the way; the data lists are read; the key
 * never shows in n8n's logs or the run.
 */
import { startFakeHelloPrint, type FakeHelloPrint } from '../fakes/helloprint';
import { orderItem } from '../helloprint/fixtures';
import { nodeItems, PACKAGE_NAME, startN8n, type N8nInstance } from './n8n';

const CREDENTIAL_ID = 'helloPrintE2eCred1';
const CREDENTIAL = { helloPrintApi: { id: CREDENTIAL_ID, name: 'HelloPrint fake' } };

let n8n: N8nInstance;
let fake: FakeHelloPrint;

beforeAll(async () => {
	fake = await startFakeHelloPrint({ apiKey: 'e2e-helloprint-key-7c41d9a0' });
	n8n = await startN8n();
	await n8n.importCredentials([{ id: CREDENTIAL_ID, name: 'HelloPrint fake', type: 'helloPrintApi', data: fake.credentials }]);
});

afterAll(async () => {
	await n8n?.stop();
	await fake?.close();
});

function workflow(name: string, helloPrintParameters: Record<string, unknown>, input: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{ id: 'm1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 's1',
				name: 'Order',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify(input), options: {} },
			},
			{
				id: 'h1',
				name: 'HelloPrint',
				type: `${PACKAGE_NAME}.helloPrint`,
				typeVersion: 1,
				position: [400, 0],
				parameters: helloPrintParameters,
				credentials: CREDENTIAL,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Order', type: 'main', index: 0 }]] },
			Order: { main: [[{ node: 'HelloPrint', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

test('Order > Send creates one request in HelloPrint even when the answer is lost', async () => {
	fake.fault({ kind: 'lose', method: 'POST', path: '/request-orders' });
	const id = await n8n.importWorkflow(
		workflow(
			'HelloPrint send order',
			{
				resource: 'order',
				operation: 'send',
				managerId: 7,
				companyId: 2,
				techSiteId: 4,
				orderSourceId: 11,
				templateId: 64,
				templateParameters: { values: [{ parameter: 641, value: '2' }] },
			},
			orderItem({ id: 'E2E-1', number: 'E2E-1' }),
		),
	);
	const run = await n8n.runWorkflow(id);
	const [result] = nodeItems(run, 'HelloPrint');
	expect(result).toMatchObject({ orderId: 'E2E-1', requestId: 1001, link: `${fake.url}/requests/1001`, created: true, idempotencyKey: 'pixlpark-E2E-1' });
	expect(fake.requestOrders).toHaveLength(1);
	const body = fake.requestOrders[0].body;
	expect([body.surname, body.name, body.patronymic, body.phone]).toEqual(['Кузнецова', 'Мария', 'Петровна', '+7 (916) 555-12-34']);
	expect([body.manager_id, body.company_id, body.tech_site_id, body.order_source_id, body.template_id]).toEqual([7, 2, 4, 11, 64]);
	expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.idempotencyKey)).toEqual(['pixlpark-E2E-1', 'pixlpark-E2E-1']);

	// The same workflow again: the first request comes back, nothing new is created.
	const again = await n8n.runWorkflow(id);
	expect(nodeItems(again, 'HelloPrint')[0]).toMatchObject({ requestId: 1001, created: false });
	expect(fake.requestOrders).toHaveLength(1);
	expect(JSON.stringify(run)).not.toContain(fake.apiKey);
	expect(n8n.logs()).not.toContain(fake.apiKey);
});

test('Data List > Get Technical Sites reads the list through the installed package', async () => {
	const id = await n8n.importWorkflow(workflow('HelloPrint tech sites', { resource: 'list', operation: 'getTechSites', returnAll: true }, {}));
	const run = await n8n.runWorkflow(id);
	expect(nodeItems(run, 'HelloPrint').map((i) => i.name)).toEqual(['Широкоформатная печать', 'Цифровая печать', 'Постпечатная обработка']);
	expect(fake.calls.at(-1)?.authorization).toBe(`Bearer ${fake.apiKey}`);
});

test('a wrong key fails the run with "HelloPrint refused the API key" and does not leak the key', async () => {
	await n8n.importCredentials([
		{ id: 'helloPrintE2eBad1', name: 'HelloPrint wrong key', type: 'helloPrintApi', data: { apiHost: fake.url, apiKey: 'e2e-wrong-key-55aa11' } },
	]);
	const flow = workflow('HelloPrint wrong key', { resource: 'list', operation: 'getManagers', returnAll: true }, {});
	flow.nodes[2].credentials = { helloPrintApi: { id: 'helloPrintE2eBad1', name: 'HelloPrint wrong key' } };
	const id = await n8n.importWorkflow(flow);
	const error = await n8n.runWorkflow(id).then(
		() => undefined,
		(e: Error) => e,
	);
	expect(error?.message).toContain('HelloPrint refused the API key');
	expect(n8n.logs()).not.toContain('e2e-wrong-key-55aa11');
});

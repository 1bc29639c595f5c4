/**
 * Pixlpark in a real n8n process: the Pixlpark Trigger receives real HTTP posts from the fake
 * Pixlpark's webhook sender (valid, forged, malformed), and the Pixlpark node reads a full order
 * through the credential's token flow inside n8n.
 */
import { startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';
import { nodeItems, PACKAGE_NAME, startN8n, type N8nInstance } from './n8n';

const SECRET = 'e2e-pixlpark-webhook-secret-5d1c';
const PATH_HOOK = 'b0b0cafe-0000-4000-8000-00000000a001';
const HEADER_HOOK = 'b0b0cafe-0000-4000-8000-00000000a002';
const CREDENTIAL_ID = 'pixlparkE2eCred1';

let n8n: N8nInstance;
let fake: FakePixlpark;

beforeAll(async () => {
	fake = await startFakePixlpark({ orders: 8 });
	n8n = await startN8n();
	await n8n.importCredentials([{ id: CREDENTIAL_ID, name: 'Pixlpark fake', type: 'pixlparkApi', data: fake.credentials() }]);
});

afterAll(async () => {
	await n8n?.stop();
	await fake?.close();
});

function triggerWorkflow(name: string, webhookId: string, parameters: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{
				id: 't1',
				name: 'Pixlpark Trigger',
				type: `${PACKAGE_NAME}.pixlparkTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: { pixlparkApi: { id: CREDENTIAL_ID, name: 'Pixlpark fake' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

test('path secret: valid posts start one execution each with the full Order; forged and malformed ones start nothing', async () => {
	const id = await n8n.importWorkflow(
		triggerWorkflow('Pixlpark trigger (secret in the URL query)', PATH_HOOK, { events: ['placed', 'changed'], secretLocation: 'query', secret: SECRET, output: 'fullOrder' }),
	);
	await n8n.activateWorkflow(id);
	const base = n8n.webhookUrl(`${PATH_HOOK}/pixlpark`);
	const orderId = [...fake.orders.keys()][2];

	// Forged: a wrong secret, and no secret at all (that URL is not even routed to the trigger).
	const forged = await fake.sendWebhook(base, 'placed', orderId, { secret: 'not-the-secret' });
	expect(forged.status).toBe(401);
	const bare = await fake.sendWebhook(base, 'placed', orderId);
	expect([401, 404]).toContain(bare.status);
	// Malformed: not JSON, and JSON that is not an order.
	const broken = await fake.sendWebhook(base, 'placed', orderId, { secret: SECRET, rawBody: '{"Id": 12,,,' });
	expect(broken.status).toBeGreaterThanOrEqual(400);
	expect(broken.status).toBeLessThan(500);
	const notOrder = await fake.sendWebhook(base, 'placed', orderId, { secret: SECRET, rawBody: '{"hello":"world"}' });
	expect(notOrder.status).toBe(400);
	// An event the trigger does not listen to: answered, nothing started.
	const ignored = await fake.sendWebhook(base, 'comment', orderId, { secret: SECRET });
	expect(ignored.status).toBe(200);

	const valid = await fake.sendWebhook(base, 'placed', orderId, { secret: SECRET });
	expect(valid.status).toBe(200);
	const executions = await n8n.waitForExecutions(id, 1);
	expect(executions).toHaveLength(1);
	expect(executions[0].status).toBe('success');
	const execution = await n8n.getExecution(executions[0].id);
	const [order] = nodeItems(execution, 'Pixlpark Trigger');
	expect(order.id).toBe(String(orderId));
	expect(order.number).toBe(`PP-${orderId}`);
	expect(order.items).toHaveLength(fake.items.get(orderId)!.length);
	expect(order.customer.name).toBeTruthy();
	// Only the valid post reached the workflow.
	expect(await n8n.listExecutions(id)).toHaveLength(1);
	await n8n.deactivateWorkflow(id);
});

test('header secret: accepted in the header, rejected without it', async () => {
	const id = await n8n.importWorkflow(
		triggerWorkflow('Pixlpark trigger (header secret)', HEADER_HOOK, {
			events: ['changed'],
			secretLocation: 'header',
			headerName: 'X-Pixlpark-Secret',
			secret: SECRET,
			output: 'raw',
		}),
	);
	await n8n.activateWorkflow(id);
	const url = n8n.webhookUrl(`${HEADER_HOOK}/pixlpark`);
	const orderId = [...fake.orders.keys()][0];
	const forged = await fake.sendWebhook(url, 'changed', orderId, { secret: 'wrong', header: 'X-Pixlpark-Secret' });
	expect(forged.status).toBe(401);
	const missing = await fake.sendWebhook(url, 'changed', orderId);
	expect(missing.status).toBe(401);
	const valid = await fake.sendWebhook(url, 'changed', orderId, { secret: SECRET, header: 'X-Pixlpark-Secret' });
	expect(valid.status).toBe(200);
	const executions = await n8n.waitForExecutions(id, 1);
	const [body] = nodeItems(await n8n.getExecution(executions[0].id), 'Pixlpark Trigger');
	expect(body.event).toBe('changed');
	expect(body.Id).toBe(orderId);
	expect(await n8n.listExecutions(id)).toHaveLength(1);
	await n8n.deactivateWorkflow(id);
});

test('the Pixlpark node gets a full order inside n8n, and no key shows in its logs', async () => {
	const orderId = [...fake.orders.keys()][1];
	const id = await n8n.importWorkflow({
		name: 'Pixlpark get full order',
		nodes: [
			{ id: 'm1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'p1',
				name: 'Pixlpark',
				type: `${PACKAGE_NAME}.pixlpark`,
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'order', operation: 'getFull', orderId: String(orderId) },
				credentials: { pixlparkApi: { id: CREDENTIAL_ID, name: 'Pixlpark fake' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Pixlpark', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	const run = await n8n.runWorkflow(id);
	const [order] = nodeItems(run, 'Pixlpark');
	expect(order.id).toBe(String(orderId));
	expect(order.prices.total).toBe(fake.orders.get(orderId)!.TotalPrice);
	expect(n8n.logs()).not.toContain(fake.privateKey);
});

test('the credential test passes with the right keys and names the problem with wrong ones, without the key', async () => {
	const ok = await n8n.rest('POST', '/credentials/test', { credentials: { id: CREDENTIAL_ID, name: 'Pixlpark fake', type: 'pixlparkApi', data: fake.credentials() } });
	expect(ok.status).toBe('OK');
	const wrongKey = 'wrong-e2e-private-SECRET-9';
	const bad = await n8n.rest('POST', '/credentials/test', {
		credentials: { id: CREDENTIAL_ID, name: 'Pixlpark fake', type: 'pixlparkApi', data: { ...fake.credentials(), privateKey: wrongKey } },
	});
	expect(bad.status).toBe('Error');
	expect(bad.message).toContain('Pixlpark refused the API keys');
	expect(JSON.stringify(bad)).not.toContain(wrongKey);
	expect(n8n.logs()).not.toContain(wrongKey);
});

/**
 * Checks the harness itself with n8n's built-in nodes: credential and workflow import, a CLI run of
 * a manual workflow, activation of a webhook workflow, executions started by real HTTP calls.
 */
import { nodeItems, startN8n, type N8nInstance } from './n8n';

let n8n: N8nInstance;

beforeAll(async () => {
	n8n = await startN8n();
});

afterAll(async () => {
	await n8n?.stop();
});

test('imports credentials with their ids and decrypted data', async () => {
	const [id] = await n8n.importCredentials([
		{ id: 'harnessCred00001', name: 'Harness Bitrix24', type: 'bitrix24WebhookApi', data: { portalUrl: 'http://127.0.0.1:1', userId: '1', webhookSecret: 'harness-secret-code', applicationToken: 'harness-app-token' } },
	]);
	expect(id).toBe('harnessCred00001');
	const credential = await n8n.rest('GET', `/credentials/${id}?includeData=true`);
	expect(credential.type).toBe('bitrix24WebhookApi');
	expect(credential.data.portalUrl).toBe('http://127.0.0.1:1');
});

test('runs a manual workflow from the CLI and returns its node outputs', async () => {
	const id = await n8n.importWorkflow({
		name: 'Harness manual',
		nodes: [
			{ id: 'm1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'm2',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { assignments: { assignments: [{ id: 'a', name: 'hello', value: 'world', type: 'string' }] } },
			},
		],
		connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	const run = await n8n.runWorkflow(id);
	expect(nodeItems(run, 'Set')).toEqual([{ hello: 'world' }]);
	const executions = await n8n.waitForExecutions(id, 1);
	expect(executions[0].status).toBe('success');
});

test('activates a webhook workflow; each POST starts one execution', async () => {
	const id = await n8n.importWorkflow({
		name: 'Harness webhook',
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c0ffee00-0000-4000-8000-000000000001',
				parameters: { httpMethod: 'POST', path: 'harness-hook', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await n8n.activateWorkflow(id);
	for (const n of [1, 2]) {
		const res = await fetch(n8n.webhookUrl('harness-hook'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
		expect(res.status).toBe(200);
	}
	const executions = await n8n.waitForExecutions(id, 2);
	expect(executions).toHaveLength(2);
	const execution = await n8n.getExecution(executions[0].id);
	const items = nodeItems(execution, 'Webhook');
	expect([1, 2]).toContain(items[0].body.n);
});

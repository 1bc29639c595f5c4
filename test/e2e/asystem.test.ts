/**
 * ASystem in a REAL n8n (test/e2e/n8n.ts), against the fake ASystem server. Not picked up by the
 * unit run (its name does not end in .test.ts). Run:
 *   npx jest -c jest.e2e.config.js --roots '<rootDir>/test/asystem' --testMatch '**\/*.e2e.ts'
 */
import { nodeItems, PACKAGE_NAME, startN8n, type N8nInstance } from './n8n';
import type { FakeASystem } from '../fakes/asystem';
import { startFakeASystem } from '../fakes/asystem';
import { sampleOrder } from '../asystem/helpers';

const CREDENTIAL_ID = 'asystemCred00001';
const WRONG_CREDENTIAL_ID = 'asystemCred00002';
const WRONG_KEY = 'wrong-e2e-key-9a8b7c6d';

let n8n: N8nInstance;
let fake: FakeASystem;

beforeAll(async () => {
	fake = await startFakeASystem();
	n8n = await startN8n();
	await n8n.importCredentials([
		{ id: CREDENTIAL_ID, name: 'ASystem (fake)', type: 'aSystemApi', data: { apiHost: fake.url, apiKey: fake.apiKey, ignoreSslIssues: false } },
		{ id: WRONG_CREDENTIAL_ID, name: 'ASystem (wrong key)', type: 'aSystemApi', data: { apiHost: fake.url, apiKey: WRONG_KEY, ignoreSslIssues: false } },
	]);
});

afterAll(async () => {
	await n8n?.stop();
	await fake?.close();
});

function workflow(name: string, credentialId: string, asystemParameters: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a2',
				name: 'Order',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify(sampleOrder()), options: {} },
			},
			{
				id: 'a3',
				name: 'ASystem',
				type: `${PACKAGE_NAME}.aSystem`,
				typeVersion: 1,
				position: [400, 0],
				parameters: asystemParameters,
				credentials: { aSystemApi: { id: credentialId, name: 'ASystem' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Order', type: 'main', index: 0 }]] },
			Order: { main: [[{ node: 'ASystem', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

test('the package installs the ASystem node and credential', () => {
	expect(n8n.pkg?.nodes.some((n: string) => n.includes('ASystem'))).toBe(true);
	expect(n8n.pkg?.credentials.some((c: string) => c.includes('ASystemApi'))).toBe(true);
});

test('Order > Send in n8n creates the order in ASystem once, even when run twice', async () => {
	const id = await n8n.importWorkflow(
		workflow('ASystem send', CREDENTIAL_ID, {
			resource: 'order',
			operation: 'send',
			templateId: '101',
			rounding: 'up10',
			parameterMapping: { mapping: [{ parameter: 'operation:Упаковка – Изделий в упаковке', siteName: '', value: '={{ 25 * 2 }}' }] },
		}),
	);
	const first = await n8n.runWorkflow(id);
	const out = nodeItems(first, 'ASystem');
	expect(out).toHaveLength(1);
	expect(out[0]).toMatchObject({ asystemOrderId: 'AS-000001', created: true, orderId: '120345', templateName: 'Визитная карточка' });
	expect(fake.orders).toHaveLength(1);
	expect(fake.orders[0].orderParameters).toMatchObject({ 'Вид оплаты': 'Онлайн-оплата', Тираж: '1000', 'Округленная стоимость': '1540', 'Номер заказа': '120345' });
	expect(fake.orders[0].operationParameters).toEqual({ 'Упаковка – Изделий в упаковке': '50' });

	const second = await n8n.runWorkflow(id);
	expect(nodeItems(second, 'ASystem')[0]).toMatchObject({ asystemOrderId: 'AS-000001', created: false });
	expect(fake.orders).toHaveLength(1);
});

test('a wrong key fails the run with ASystem\'s 401 and the key appears nowhere', async () => {
	const id = await n8n.importWorkflow(workflow('ASystem wrong key', WRONG_CREDENTIAL_ID, { resource: 'identifiers', operation: 'get' }));
	const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
	expect(`${result.stdout}\n${result.stderr}`).toContain('ASystem answered 401 INVALID_API_KEY');
	const executions = await n8n.waitForExecutions(id, 1);
	const execution = await n8n.getExecution(executions[0].id);
	const everything = `${JSON.stringify(execution)}\n${result.stdout}\n${result.stderr}\n${n8n.logs()}`;
	expect(everything).not.toContain(WRONG_KEY);
});

test('the credential test and the template dropdowns work in n8n', async () => {
	const ok = await n8n.rest('POST', '/credentials/test', {
		credentials: { id: CREDENTIAL_ID, name: 'ASystem (fake)', type: 'aSystemApi', data: { apiHost: fake.url, apiKey: fake.apiKey, ignoreSslIssues: false } },
	});
	expect(ok).toMatchObject({ status: 'OK' });
	const bad = await n8n.rest('POST', '/credentials/test', {
		credentials: { id: WRONG_CREDENTIAL_ID, name: 'ASystem (wrong key)', type: 'aSystemApi', data: { apiHost: fake.url, apiKey: WRONG_KEY, ignoreSslIssues: false } },
	});
	expect(bad.status).toBe('Error');
	expect(JSON.stringify(bad)).not.toContain(WRONG_KEY);

	const request = (methodName: string, parameters: Record<string, unknown>) =>
		n8n.rest('POST', '/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: `${PACKAGE_NAME}.aSystem`, version: 1 },
			path: 'parameters.templateId',
			methodName,
			currentNodeParameters: parameters,
			credentials: { aSystemApi: { id: CREDENTIAL_ID, name: 'ASystem (fake)' } },
		});
	const templates = await request('getTemplates', { resource: 'order', operation: 'send' });
	expect(templates.map((t: { value: string }) => t.value)).toEqual(['101', '202']);
	const parameters = await request('getTemplateParameters', { resource: 'order', operation: 'send', templateId: '202' });
	expect(parameters.map((p: { value: string }) => p.value)).toEqual(['order:Тираж', 'order:Бумага', 'order:Промо-код', 'operation:Ламинация']);
});

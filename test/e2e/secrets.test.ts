/**
 * Secret scan in a REAL n8n: succeeding and failing workflows of every node with credentials
 * (right and wrong webhook code, keys and private key), a bad Order item, and a Pixlpark Trigger
 * called with and without its secret. Then n8n's whole log (debug level), the CLI output and the
 * data of every execution are searched for each secret used (and its URL-encoded form); any hit
 * fails, naming where, without printing the secret.
 */
import { startFakeASystem, type FakeASystem } from '../fakes/asystem';
import { startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { startFakeHelloPrint, type FakeHelloPrint } from '../fakes/helloprint';
import { startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';
import { personOrder } from '../fixtures/orders';
import { KNOWN_SECRETS } from '../secrets/known';
import { describeHits, findHits, type ScanRecord } from '../secrets/scan';
import { PACKAGE_NAME, startN8n, type N8nInstance } from './n8n';

const WRONG = {
	bitrix24: 'e2e-scan-wrong-webhook-code-71',
	pixlpark: 'e2e-scan-wrong-private-key-72',
	asystem: 'e2e-scan-wrong-asystem-key-73',
	helloprint: 'e2e-scan-wrong-helloprint-key-74',
};
const TRIGGER_SECRET = 'e2e-scan-trigger-secret-75';
const HOOK = 'e2escan0-0000-4000-8000-000000000001';

let n8n: N8nInstance;
let bitrix: FakeBitrix24;
let pixlpark: FakePixlpark;
let asystem: FakeASystem;
let helloprint: FakeHelloPrint;
const cliOutput: string[] = [];
const workflowIds: string[] = [];

beforeAll(async () => {
	bitrix = await startFakeBitrix24({ bucket: false });
	pixlpark = await startFakePixlpark({ orders: 3 });
	asystem = await startFakeASystem();
	helloprint = await startFakeHelloPrint();
	n8n = await startN8n({ logLevel: 'debug' });
	await n8n.importCredentials([
		{ id: 'scanBitrix24Ok01', name: 'Bitrix24', type: 'bitrix24WebhookApi', data: { ...bitrix.credentials, rateLimit: 'enterprise' } },
		{ id: 'scanBitrix24Bad1', name: 'Bitrix24 wrong', type: 'bitrix24WebhookApi', data: { ...bitrix.credentials, webhookSecret: WRONG.bitrix24, rateLimit: 'enterprise' } },
		{ id: 'scanPixlparkOk01', name: 'Pixlpark', type: 'pixlparkApi', data: pixlpark.credentials() },
		{ id: 'scanPixlparkBad1', name: 'Pixlpark wrong', type: 'pixlparkApi', data: { ...pixlpark.credentials(), privateKey: WRONG.pixlpark } },
		{ id: 'scanASystemOk001', name: 'ASystem', type: 'aSystemApi', data: { apiHost: asystem.url, apiKey: asystem.apiKey, ignoreSslIssues: false } },
		{ id: 'scanASystemBad01', name: 'ASystem wrong', type: 'aSystemApi', data: { apiHost: asystem.url, apiKey: WRONG.asystem, ignoreSslIssues: false } },
		{ id: 'scanHelloPrOk001', name: 'HelloPrint', type: 'helloPrintApi', data: { ...helloprint.credentials } },
		{ id: 'scanHelloPrBad01', name: 'HelloPrint wrong', type: 'helloPrintApi', data: { apiHost: helloprint.url, apiKey: WRONG.helloprint } },
	]);
});

afterAll(async () => {
	await n8n?.stop();
	await Promise.all([bitrix?.close(), pixlpark?.close(), asystem?.close(), helloprint?.close()]);
});

/** Manual Trigger -> Set (the input item) -> the node under test. */
function workflow(name: string, node: { type: string; parameters: Record<string, unknown>; credentials: Record<string, { id: string; name: string }> }, item: object = {}) {
	return {
		name,
		nodes: [
			{ id: 's1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 's2', name: 'Input', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify(item), options: {} } },
			{ id: 's3', name: 'Node', type: `${PACKAGE_NAME}.${node.type}`, typeVersion: 1, position: [400, 0], parameters: node.parameters, credentials: node.credentials },
		],
		connections: { Start: { main: [[{ node: 'Input', type: 'main', index: 0 }]] }, Input: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const cred = (type: string, id: string) => ({ [type]: { id, name: id } });

const RUNS: Array<{ name: string; node: Parameters<typeof workflow>[1]; item?: object; fails: boolean }> = [
	{ name: 'Bitrix24 create deal', node: { type: 'bitrix24', parameters: { resource: 'deal', operation: 'create', fields: { title: 'Scan deal' } }, credentials: cred('bitrix24WebhookApi', 'scanBitrix24Ok01') }, fails: false },
	{ name: 'Bitrix24 missing deal', node: { type: 'bitrix24', parameters: { resource: 'deal', operation: 'get', id: '987654' }, credentials: cred('bitrix24WebhookApi', 'scanBitrix24Ok01') }, fails: true },
	{ name: 'Bitrix24 wrong code', node: { type: 'bitrix24', parameters: { resource: 'deal', operation: 'get', id: '1' }, credentials: cred('bitrix24WebhookApi', 'scanBitrix24Bad1') }, fails: true },
	{
		name: 'Bitrix24 export of a bad order',
		node: { type: 'bitrix24', parameters: { resource: 'order', operation: 'export', funnelId: '1', orderTypes: 'all', newClientsAsLeads: false, statusMap: { mapping: [] }, exportOptions: {} }, credentials: cred('bitrix24WebhookApi', 'scanBitrix24Ok01') },
		item: { ...personOrder(1), createdAt: 'yesterday' },
		fails: true,
	},
	{ name: 'Pixlpark newest order', node: { type: 'pixlpark', parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 1 }, credentials: cred('pixlparkApi', 'scanPixlparkOk01') }, fails: false },
	{ name: 'Pixlpark missing order', node: { type: 'pixlpark', parameters: { resource: 'order', operation: 'get', orderId: '999999' }, credentials: cred('pixlparkApi', 'scanPixlparkOk01') }, fails: true },
	{ name: 'Pixlpark wrong private key', node: { type: 'pixlpark', parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 1 }, credentials: cred('pixlparkApi', 'scanPixlparkBad1') }, fails: true },
	{ name: 'ASystem identifiers', node: { type: 'aSystem', parameters: { resource: 'identifiers', operation: 'get' }, credentials: cred('aSystemApi', 'scanASystemOk001') }, fails: false },
	{ name: 'ASystem wrong key', node: { type: 'aSystem', parameters: { resource: 'identifiers', operation: 'get' }, credentials: cred('aSystemApi', 'scanASystemBad01') }, fails: true },
	{ name: 'HelloPrint managers', node: { type: 'helloPrint', parameters: { resource: 'list', operation: 'getManagers', returnAll: true }, credentials: cred('helloPrintApi', 'scanHelloPrOk001') }, fails: false },
	{ name: 'HelloPrint wrong key', node: { type: 'helloPrint', parameters: { resource: 'list', operation: 'getManagers', returnAll: true }, credentials: cred('helloPrintApi', 'scanHelloPrBad01') }, fails: true },
];

/** All RUNS as branches of one workflow, each node with Continue on Fail (errors become items in the execution's data). */
function allInOne() {
	const nodes: object[] = [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = { Start: { main: [[]] } };
	RUNS.forEach((run, i) => {
		const input = `Input ${i}`;
		nodes.push(
			{ id: `i${i}`, name: input, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, i * 200], parameters: { mode: 'raw', jsonOutput: JSON.stringify(run.item ?? {}), options: {} } },
			{ id: `n${i}`, name: run.name, type: `${PACKAGE_NAME}.${run.node.type}`, typeVersion: 1, position: [400, i * 200], parameters: run.node.parameters, credentials: run.node.credentials, onError: 'continueRegularOutput' },
		);
		connections.Start.main[0].push({ node: input, type: 'main', index: 0 });
		connections[input] = { main: [[{ node: run.name, type: 'main', index: 0 }]] };
	});
	return { name: 'Scan: every node, Continue on Fail', nodes, connections, settings: { executionOrder: 'v1' } };
}

const itemsOf = (run: unknown, node: string): Array<Record<string, unknown>> =>
	((run as { data?: { resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>> } } }).data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

test('every node, right and wrong credentials, in one execution with Continue on Fail: errors exactly where expected', async () => {
	const id = await n8n.importWorkflow(allInOne());
	workflowIds.push(id);
	const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
	cliOutput.push(result.stdout, result.stderr);
	const [execution] = await n8n.waitForExecutions(id, 1);
	const full = await n8n.getExecution(execution.id);
	const outcomes = RUNS.map((run) => {
		const items = itemsOf(full, run.name);
		const error = items.find((j) => j.error !== undefined)?.error;
		const outcome = items.length === 0 ? 'no items' : error !== undefined ? 'error' : 'ok';
		// An unexpected error shows its message.
		return `${run.name}: ${outcome}${outcome === 'error' && !run.fails ? ` ${JSON.stringify(error).slice(0, 200)}` : ''}`;
	});
	expect(outcomes).toEqual(RUNS.map((run) => `${run.name}: ${run.fails ? 'error' : 'ok'}`));
}, 300_000);

test('failing executions (no Continue on Fail): wrong webhook code, a bad Order item', async () => {
	for (const run of RUNS.filter((r) => r.name === 'Bitrix24 wrong code' || r.name === 'Bitrix24 export of a bad order')) {
		const id = await n8n.importWorkflow(workflow(`Scan: ${run.name}`, run.node, run.item ?? {}));
		workflowIds.push(id);
		const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
		cliOutput.push(result.stdout, result.stderr);
		// `n8n execute` returns when the execution is saved; a failed one never counts as "finished".
		expect(result.code).not.toBe(0);
		const [execution] = await n8n.listExecutions(id);
		expect(execution?.status).toBe('error');
	}
}, 300_000);

test('a Pixlpark Trigger called with a wrong, missing and right secret', async () => {
	const id = await n8n.importWorkflow({
		name: 'Scan: Pixlpark Trigger',
		nodes: [
			{ id: 't1', name: 'Pixlpark Trigger', type: `${PACKAGE_NAME}.pixlparkTrigger`, typeVersion: 1, position: [0, 0], webhookId: HOOK, parameters: { events: ['placed'], secretLocation: 'query', secret: TRIGGER_SECRET, output: 'fullOrder' }, credentials: cred('pixlparkApi', 'scanPixlparkOk01') },
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	workflowIds.push(id);
	await n8n.activateWorkflow(id);
	const url = n8n.webhookUrl(`${HOOK}/pixlpark`);
	const orderId = [...pixlpark.orders.keys()][0];
	expect((await pixlpark.sendWebhook(url, 'placed', orderId, { secret: `${TRIGGER_SECRET}x` })).status).toBe(401);
	expect((await pixlpark.sendWebhook(url, 'placed', orderId, { secret: TRIGGER_SECRET, rawBody: '{"Id": 999999}' })).status).toBe(400);
	expect((await pixlpark.sendWebhook(url, 'placed', orderId, { secret: TRIGGER_SECRET })).status).toBe(200);
	await n8n.waitForExecutions(id, 1);
	await n8n.deactivateWorkflow(id);
}, 120_000);

test('no secret in n8n\'s log, the CLI output or any execution\'s data', async () => {
	const records: ScanRecord[] = [
		{ kind: 'output', source: 'n8n log', file: 'test/e2e/secrets.test.ts', test: 'n8n log', text: n8n.logs() },
		{ kind: 'output', source: 'n8n CLI', file: 'test/e2e/secrets.test.ts', test: 'n8n execute', text: cliOutput.join('\n') },
	];
	for (const workflowId of workflowIds) {
		for (const execution of await n8n.listExecutions(workflowId)) {
			const full = await n8n.getExecution(execution.id);
			// The run's data (items, errors, metadata); not the workflow definition it also carries, which
			// holds node parameters as the user entered them (the Pixlpark Trigger's secret among them).
			records.push({ kind: 'output', source: `execution ${execution.id}`, file: 'test/e2e/secrets.test.ts', test: `workflow ${workflowId}`, text: JSON.stringify({ ...full, workflowData: undefined }) });
		}
	}
	// The log, the CLI output, the execution with every node, two failed ones and the trigger's.
	expect(records.length).toBeGreaterThanOrEqual(6);
	const secrets = [
		...KNOWN_SECRETS,
		{ name: 'Bitrix24 webhook code', value: bitrix.credentials.webhookSecret },
		{ name: 'Bitrix24 application token', value: bitrix.credentials.applicationToken },
		{ name: 'Pixlpark private key', value: pixlpark.privateKey },
		{ name: 'ASystem key', value: asystem.apiKey },
		{ name: 'HelloPrint key', value: helloprint.apiKey },
		{ name: 'Pixlpark Trigger secret', value: TRIGGER_SECRET },
		...Object.entries(WRONG).map(([name, value]) => ({ name: `wrong ${name} key`, value })),
	];
	const hits = findHits(records, secrets);
	if (hits.length) throw new Error(describeHits(hits));
});

/**
 * What `npm start` brings up (test/fakes/sandbox.ts runSandbox, the same code), on free ports and a
 * temp n8n folder: the editor with its owner login, credentials that pass their tests against the
 * fakes, every example workflow imported and the trigger ones active, workflow 01 creating the
 * deal in the sandbox portal, and the portal's outgoing webhook reaching the Bitrix24 Trigger.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { describeSandbox, exampleWorkflows, runSandbox, type Sandbox } from '../fakes/sandbox';
import { freePort, nodeItems } from './n8n';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let sandbox: Sandbox;
let userFolder: string;
const examples = exampleWorkflows();

beforeAll(async () => {
	userFolder = mkdtempSync(join(tmpdir(), 'n8n-sandbox-'));
	const ports = { bitrix24: await freePort(), pixlpark: await freePort(), asystem: await freePort(), helloprint: await freePort(), onec: await freePort() };
	sandbox = await runSandbox({ userFolder, port: await freePort(), ports });
});

afterAll(async () => {
	await sandbox?.stop();
	rmSync(userFolder, { recursive: true, force: true });
});

test('the editor answers and the printed owner can sign in', async () => {
	const text = describeSandbox(sandbox);
	expect(text).toContain(`n8n editor:  ${sandbox.n8n.baseUrl}`);
	expect(text).toContain(sandbox.n8n.owner.email);
	expect(text).toContain(sandbox.n8n.owner.password);
	const editor = await fetch(sandbox.n8n.baseUrl);
	expect(editor.status).toBe(200);
	expect(await editor.text()).toContain('<html');
	const login = await fetch(`${sandbox.n8n.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: sandbox.n8n.owner.email, password: sandbox.n8n.owner.password }),
	});
	expect(login.status).toBe(200);
});

test('every fake system runs and its n8n credential passes the credential test', async () => {
	expect(sandbox.systems.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringContaining('Bitrix24'), expect.stringContaining('Pixlpark')]));
	for (const system of sandbox.systems.filter((s) => s.credential)) {
		const c = system.credential!;
		const result = await sandbox.n8n.rest('POST', '/credentials/test', { credentials: { id: c.id, name: c.name, type: c.type, data: c.data } });
		expect({ credential: c.type, status: result.status, message: result.message }).toEqual({ credential: c.type, status: 'OK', message: expect.any(String) });
	}
});

const withExamples = examples.length ? test : test.skip;

withExamples('every example workflow is imported, and every one with a trigger is active', () => {
	expect(sandbox.workflows.map((w) => w.file)).toEqual(examples.map((e) => e.file));
	for (const { file, json } of examples) {
		const entry = sandbox.workflows.find((w) => w.file === file)!;
		const hasTrigger = (json.nodes as Json[]).some((n) => /Trigger$/.test(n.type) && !/manualTrigger$/.test(n.type));
		expect({ file, error: entry.error, active: entry.active }).toEqual({ file, error: undefined, active: hasTrigger });
	}
});

withExamples('running workflow 01 creates the deal in the sandbox portal', async () => {
	const entry = sandbox.workflows.find((w) => w.file.startsWith('01-'))!;
	const portal = sandbox.systems.find((s) => s.fake?.db?.deals)!.fake;
	const before = portal.db.deals.size;
	const run = await sandbox.n8n.runWorkflow(entry.id);
	const exported = nodeItems(run, 'Export to Bitrix24');
	expect(exported).toHaveLength(1);
	expect(portal.db.deals.size).toBe(before + 1);
	const deal = portal.db.deals.get(Number(exported[0].dealId));
	expect(deal).toMatchObject({ ORIGINATOR_ID: 'pixlpark', ORIGIN_ID: String(exported[0].orderId) });
});

withExamples('a stage change in the sandbox portal reaches the Bitrix24 Trigger workflow', async () => {
	const entry = sandbox.workflows.find((w) => {
		const json = examples.find((e) => e.file === w.file)!.json;
		return w.active && (json.nodes as Json[]).some((n) => n.type === 'n8n-nodes-pixlpark-erp.bitrix24Trigger');
	})!;
	expect(entry).toBeDefined();
	const portal = sandbox.systems.find((s) => s.fake?.db?.deals)!;
	const { portalUrl, userId, webhookSecret } = portal.fake.credentials;
	const call = async (method: string, params: Json) =>
		(await (await fetch(`${portalUrl}/rest/${userId}/${webhookSecret}/${method}.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) })).json()) as Json;
	const added = await call('crm.deal.add', { fields: { TITLE: 'Sandbox stage check' } });
	await call('crm.deal.update', { id: added.result, fields: { STAGE_ID: 'EXECUTING' } });
	await portal.fake.flushEvents();
	const [execution] = await sandbox.n8n.waitForExecutions(entry.id, 1);
	const trigger = (examples.find((e) => e.file === entry.file)!.json.nodes as Json[]).find((n) => n.type === 'n8n-nodes-pixlpark-erp.bitrix24Trigger');
	const items = nodeItems(await sandbox.n8n.getExecution(execution.id), trigger.name);
	expect(items[0]).toMatchObject({ event: 'ONCRMDEALUPDATE', id: Number(added.result) });
});

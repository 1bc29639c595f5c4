/**
 * The shipped example workflows in a real n8n: each imports unchanged, the manual ones run from
 * the CLI with the expected records in the fake systems, the trigger ones are fired by real HTTP
 * posts, and two-way status sync (02 + 03) makes exactly one update per change on each side.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { startFakeASystem } from '../fakes/asystem';
import type { FakeBitrix24 } from '../fakes/bitrix24';
import { startFakeBitrix24 } from '../fakes/bitrix24';
import { startFakeHelloPrint } from '../fakes/helloprint';
import type { FakePixlpark } from '../fakes/pixlpark';
import { startFakePixlpark } from '../fakes/pixlpark';
import type { N8nInstance } from './n8n';
import { startN8n } from './n8n';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DIR = join(__dirname, '..', '..', 'workflows-examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const workflows: Record<string, Json> = Object.fromEntries(files.map((f) => [f.slice(0, 2), JSON.parse(readFileSync(join(DIR, f), 'utf8'))]));
const SECRET = 'change-me-to-a-long-random-secret';

let n8n: N8nInstance;
let portal: FakeBitrix24;
let pixlpark: FakePixlpark;
let asystem: Awaited<ReturnType<typeof startFakeASystem>>;
let helloprint: Awaited<ReturnType<typeof startFakeHelloPrint>>;
const ids: Record<string, string> = {};

const webhookId = (wf: Json, type: string) => wf.nodes.find((n: Json) => n.type.endsWith(type)).webhookId as string;
const dealsOf = (orderId: number) => [...portal.db.deals.values()].filter((d) => d.ORIGIN_ID === String(orderId));
const updates = () => portal.stats.byMethod['crm.deal.update'] ?? 0;

async function until(what: string, check: () => boolean, timeoutMs = 60_000) {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function settle(workflowId: string, count: number) {
	await n8n.waitForExecutions(workflowId, count, 60_000);
	await portal.flushEvents?.();
	await pixlpark.flushWebhooks();
}

beforeAll(async () => {
	portal = await startFakeBitrix24({ bucket: false });
	pixlpark = await startFakePixlpark({ orders: 6 });
	asystem = await startFakeASystem({});
	helloprint = await startFakeHelloPrint({});
	n8n = await startN8n();
	const as = asystem as unknown as Json;
	const hp = helloprint as unknown as Json;
	await n8n.importCredentials([
		{ id: 'sandboxBitrix241', name: 'Sandbox Bitrix24', type: 'bitrix24WebhookApi', data: { ...portal.credentials } },
		{ id: 'sandboxPixlpark1', name: 'Sandbox Pixlpark', type: 'pixlparkApi', data: pixlpark.credentials() },
		{ id: 'sandboxASystem01', name: 'Sandbox ASystem', type: 'aSystemApi', data: { apiHost: as.url, apiKey: as.apiKey, ignoreSslIssues: false } },
		{ id: 'sandboxHelloPrt1', name: 'Sandbox HelloPrint', type: 'helloPrintApi', data: { ...hp.credentials } },
		{ id: 'sandbox1CExchng1', name: 'Sandbox 1C exchange', type: 'oneCExchangeApi', data: { login: 'onec', password: 'onec-password' } },
	]);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await Promise.all([portal?.close(), pixlpark?.close(), asystem?.close(), helloprint?.close()]);
});

test('every example workflow imports unchanged and its triggers activate', async () => {
	expect(files).toHaveLength(7);
	for (const [key, wf] of Object.entries(workflows)) {
		ids[key] = await n8n.importWorkflow(wf);
		expect(ids[key]).toBeTruthy();
	}
	for (const key of ['01', '02', '03', '07']) await n8n.activateWorkflow(ids[key]);
});

test('01 from the CLI (manual branch) exports order 1001 as a deal in the portal', async () => {
	await n8n.runWorkflow(ids['01']);
	const [deal] = dealsOf(1001);
	expect(deal).toBeDefined();
	expect(deal.TITLE).toMatch(/^Заказ №/);
	expect(portal.db.productRows.get(Number(deal.ID))?.length).toBeGreaterThan(0);
});

test('01 by a real Pixlpark webhook: an order placed becomes a deal, a forged call starts nothing', async () => {
	const url = n8n.webhookUrl(`${webhookId(workflows['01'], 'pixlparkTrigger')}/pixlpark`);
	const forged = await pixlpark.sendWebhook(url, 'placed', 1002, { secret: 'wrong' });
	expect(forged.status).toBe(401);
	const sent = await pixlpark.sendWebhook(url, 'placed', 1002, { secret: SECRET });
	expect(sent.status).toBe(200);
	await until('the deal of order 1002', () => dealsOf(1002).length === 1);
	await n8n.waitForExecutions(ids['01'], 2);
	expect(dealsOf(1002)).toHaveLength(1);
});

test('05 and 06 from the CLI send order 1001 to ASystem and HelloPrint', async () => {
	await n8n.runWorkflow(ids['05']);
	const asOrders = (asystem as unknown as Json).orders as Json[] | Map<string, Json>;
	expect(Array.isArray(asOrders) ? asOrders.length : asOrders.size).toBe(1);
	await n8n.runWorkflow(ids['06']);
	expect((helloprint as unknown as Json).requestOrders).toHaveLength(1);
});

test('two-way status sync: each change reaches the other side once and does not bounce back', async () => {
	portal.addOutgoingWebhook(n8n.webhookUrl(`${webhookId(workflows['02'], 'bitrix24Trigger')}/bitrix24`), ['ONCRMDEALUPDATE']);
	pixlpark.subscribe(n8n.webhookUrl(`${webhookId(workflows['03'], 'pixlparkTrigger')}/pixlpark`), 'changed', { secret: SECRET });
	const [deal] = dealsOf(1001);
	const dealId = Number(deal.ID);

	// Pixlpark -> Bitrix24: a manager sets "Printing" in the panel.
	const updatesBefore = updates();
	const statusChangesBefore = pixlpark.statusChanges.length;
	pixlpark.setStatusInPanel(1001, 'Printing');
	await pixlpark.flushWebhooks();
	await until('the deal to reach EXECUTING', () => portal.db.deals.get(dealId)?.STAGE_ID === 'EXECUTING');
	await settle(ids['02'], 1);
	expect(updates() - updatesBefore).toBe(1);
	expect(pixlpark.statusChanges.length - statusChangesBefore).toBe(0);

	// Bitrix24 -> Pixlpark: a manager moves the deal to WON in Bitrix24 (a REST call, as the UI makes).
	const secret = portal.credentials.webhookSecret;
	const before = { updates: updates(), statusChanges: pixlpark.statusChanges.length };
	const answer = await fetch(`${portal.url}/rest/${portal.credentials.userId}/${secret}/crm.deal.update.json`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: dealId, fields: { STAGE_ID: 'WON' } }),
	});
	expect(answer.status).toBe(200);
	await until('the order to become Delivered', () => pixlpark.orders.get(1001)?.Status === 'Delivered');
	await settle(ids['03'], 1);
	await settle(ids['02'], 2);
	expect(pixlpark.statusChanges.length - before.statusChanges).toBe(1);
	expect(updates() - before.updates).toBe(1); // the manager's own update; the export found nothing to change
	expect(portal.db.deals.get(dealId)?.STAGE_ID).toBe('WON');
});

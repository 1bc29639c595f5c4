/**
 * The Bitrix24 node and credential in a real n8n: the credential test explains a wrong webhook
 * code and a webhook without the CRM right (never showing the code), and the node's dropdowns
 * are filled from the live (fake) portal through n8n's own load-options endpoint.
 */
import type { FakeBitrix24 } from '../fakes/bitrix24';
import { startFakeBitrix24 } from '../fakes/bitrix24';
import type { N8nInstance } from './n8n';
import { PACKAGE_NAME, startN8n } from './n8n';

let n8n: N8nInstance;
let portal: FakeBitrix24;
let noCrm: FakeBitrix24;
const CREDENTIAL = { id: 'b24NodeE2eCred01', name: 'Bitrix24 (fake)' };

beforeAll(async () => {
	portal = await startFakeBitrix24({ bucket: false });
	noCrm = await startFakeBitrix24({ bucket: false, scopes: ['user'] });
	n8n = await startN8n();
	await n8n.importCredentials([{ ...CREDENTIAL, type: 'bitrix24WebhookApi', data: { ...portal.credentials } }]);
});

afterAll(async () => {
	await n8n?.stop();
	await portal?.close();
	await noCrm?.close();
});

const test_ = (data: Record<string, unknown>) => n8n.rest('POST', '/credentials/test', { credentials: { ...CREDENTIAL, type: 'bitrix24WebhookApi', data } });

test('the credential test passes, and explains a wrong code and a missing CRM right without the code', async () => {
	expect(await test_({ ...portal.credentials })).toMatchObject({ status: 'OK' });
	const wrong = await test_({ ...portal.credentials, webhookSecret: 'wrongWebhookCode42' });
	expect(wrong.status).toBe('Error');
	expect(wrong.message).toMatch(/NO_AUTH_FOUND|employee ID and the incoming webhook code/);
	expect(JSON.stringify(wrong)).not.toContain('wrongWebhookCode42');
	const denied = await test_({ ...noCrm.credentials });
	expect(denied.status).toBe('Error');
	expect(denied.message).toMatch(/CRM/);
	expect(JSON.stringify(denied)).not.toContain(noCrm.credentials.webhookSecret);
	expect(n8n.logs()).not.toContain('wrongWebhookCode42');
});

test('dropdowns come from the live portal through n8n', async () => {
	const options = (methodName: string, parameters: Record<string, unknown>, path = 'parameters.funnelId') =>
		n8n.rest('POST', '/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: `${PACKAGE_NAME}.bitrix24`, version: 1 },
			path,
			methodName,
			currentNodeParameters: parameters,
			credentials: { bitrix24WebhookApi: CREDENTIAL },
		});
	const funnels = await options('getFunnels', { resource: 'order', operation: 'export' });
	expect(funnels.map((f: { value: string }) => f.value)).toEqual(['0', '1']);
	const stages = await options('getStages', { resource: 'order', operation: 'export', funnelId: '1' });
	expect(stages.map((s: { value: string }) => s.value)).toContain('C1:WON');
	const users = await options('getUsers', { resource: 'order', operation: 'export' });
	expect(users.map((u: { name: string }) => u.name)).toEqual(['Ivan Petrov', 'Maria Smirnova']);
});

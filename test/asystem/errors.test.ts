import { ASystemApi } from '../../credentials/ASystemApi.credentials';
import type { FakeASystem } from '../fakes/asystem';
import { startFakeASystem } from '../fakes/asystem';
import { closedPort, run, sampleOrder, sendParameters } from './helpers';

describe('ASystem node: unreachable host, wrong key, credential test (engine + fake)', () => {
	let fake: FakeASystem;
	beforeAll(async () => {
		fake = await startFakeASystem();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	it('an unreachable host (closed port) gives a clear message naming the host', async () => {
		const port = await closedPort();
		const host = `http://127.0.0.1:${port}`;
		const result = await run({ url: host, apiKey: fake.apiKey }, { resource: 'identifiers', operation: 'get' });
		expect(result.error?.message).toBe(`Item 0: Cannot reach ASystem at ${host} (cannot connect, GET /api/identifiers)`);
		expect(result.error?.description).toContain('Check "Api Host" in the ASystem API credential');
		expect(JSON.stringify(result.error)).not.toContain(fake.apiKey);
	});

	it('a wrong key: 401 with ASystem\'s code, and the key is in no message even though the server echoed it', async () => {
		const wrongKey = 'wrong-key-0123456789';
		const result = await run(fake, sendParameters(), [sampleOrder()], { credentialOverrides: { apiKey: wrongKey } });
		expect(result.error?.message).toBe('Item 0: ASystem answered 401 INVALID_API_KEY to GET /api/templates/101: API key "***" is not valid');
		expect(result.error?.description).toBe('Check "Api Key" in the ASystem API credential: ASystem refused it.');
		const everything = JSON.stringify({ error: result.error, message: result.error?.message, description: result.error?.description, run: result.run.data });
		expect(everything).not.toContain(wrongKey);
		expect(fake.requests[0].apiKeyValid).toBe(false);
		expect(fake.orders).toHaveLength(0);
	});

	it('a wrong key with Continue on Fail: every item gets the error without the key', async () => {
		const wrongKey = 'wrong-key-abcdefghij';
		const result = await run(fake, { resource: 'identifiers', operation: 'get' }, [{}, {}], { credentialOverrides: { apiKey: wrongKey }, continueOnFail: true });
		expect(result.json).toEqual([
			{ error: 'Item 0: ASystem answered 401 INVALID_API_KEY to GET /api/identifiers: API key "***" is not valid' },
			{ error: 'Item 1: ASystem answered 401 INVALID_API_KEY to GET /api/identifiers: API key "***" is not valid' },
		]);
	});

	describe('credential', () => {
		const credential = new ASystemApi();

		it('sends the key in the X-Api-Key header and marks it as a password', () => {
			expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } } });
			expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions).toEqual({ password: true });
		});

		/** Evaluates the test request's `={{ ... }}` base URL the way n8n's expression engine would. */
		function testBaseUrl(apiHost: string): string {
			const expression = String(credential.test.request.baseURL);
			const inner = /^=\{\{([\s\S]*)\}\}$/.exec(expression)?.[1];
			expect(inner).toBeDefined();
			return new Function('$credentials', `return (${inner});`)({ apiHost }) as string;
		}

		it.each([
			['https://10.0.0.5:3000', 'https://10.0.0.5:3000'],
			['https://10.0.0.5', 'https://10.0.0.5:3000'],
			['https://10.0.0.5/', 'https://10.0.0.5:3000'],
			['10.0.0.5', 'https://10.0.0.5:3000'],
			['10.0.0.5:8443', 'https://10.0.0.5:8443'],
			['http://asystem.local:4300', 'http://asystem.local:4300'],
			['https://[fd00::5]', 'https://[fd00::5]:3000'],
			['https://host/asystem', 'https://host:3000/asystem'],
		])('test request base URL for %s is %s (same as the transport)', async (input, expected) => {
			const { normalizeApiHost } = await import('../../nodes/ASystem/transport');
			expect(normalizeApiHost(input)).toBe(expected);
			expect(testBaseUrl(input)).toBe(expected);
		});

		it('the test request reaches the fake: 200 with the right key, 401 with a wrong one', async () => {
			const url = `${fake.url}${credential.test.request.url}`;
			const ok = await fetch(url, { headers: { 'X-Api-Key': fake.apiKey } });
			expect(ok.status).toBe(200);
			const bad = await fetch(url, { headers: { 'X-Api-Key': 'nope-nope' } });
			expect(bad.status).toBe(401);
			expect(credential.test.rules?.find((r) => (r.properties as { value: number }).value === 401)).toBeDefined();
		});
	});
});

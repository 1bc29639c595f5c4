/** Any Endpoint (raw calls with the credential), the credential itself, and transport faults on reads. */
import { Workflow } from 'n8n-workflow';

import { HelloPrintApi } from '../../credentials/HelloPrintApi.credentials';
import { apiBase } from '../../nodes/HelloPrint/transport/contract';
import { startFakeHelloPrint, type FakeHelloPrint } from '../fakes/helloprint';
import { orderItem, run, SEND_PARAMETERS } from './fixtures';

describe('HelloPrint any endpoint', () => {
	let fake: FakeHelloPrint;
	beforeEach(async () => {
		fake = await startFakeHelloPrint();
	});
	afterEach(async () => fake.close());

	it('GETs a path under /api/v3 with the credential and query parameters', async () => {
		await run(fake, SEND_PARAMETERS, [orderItem()]);
		const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'GET', path: 'request-orders', query: '{"external_id":"73021"}' });
		expect(result.error).toBeUndefined();
		const data = result.json[0].data as Array<Record<string, unknown>>;
		expect(data).toHaveLength(1);
		expect(data[0]).toMatchObject({ id: 1001, external_id: '73021', surname: 'Кузнецова', link: `${fake.url}/requests/1001` });
		const call = fake.calls.at(-1)!;
		expect([call.method, call.path, call.query.external_id, call.authorization]).toEqual(['GET', '/api/v3/request-orders', '73021', `Bearer ${fake.apiKey}`]);
	});

	it('accepts a path that repeats /api/v3', async () => {
		const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'GET', path: '/api/v3/templates/12', query: '{}' });
		expect(result.error).toBeUndefined();
		expect((result.json[0].data as Record<string, unknown>).name).toBe('HP-12.03 Визитки');
	});

	it('POSTs a JSON body with an idempotency key', async () => {
		const body = { name: 'Иван', surname: 'Петров', patronymic: '', phone: '+79990001122', client_type_id: 1, external_id: 'manual-1' };
		const result = await run(fake, {
			resource: 'endpoint',
			operation: 'call',
			method: 'POST',
			path: '/request-orders',
			query: '{}',
			body: JSON.stringify(body),
			idempotencyKey: 'manual-1',
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toEqual({ data: { id: 1001, number: 'З-1001', link: `${fake.url}/requests/1001` } });
		expect(fake.requestOrders[0].body).toEqual(body);
		expect(fake.requestOrders[0].idempotencyKey).toBe('manual-1');
	});

	it('does not resend a write without a key after a lost answer', async () => {
		fake.fault({ kind: 'lose', method: 'POST' });
		const body = { name: 'Иван', phone: '+79990001122', client_type_id: 1, external_id: 'manual-2' };
		const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'POST', path: '/request-orders', query: '{}', body: JSON.stringify(body) });
		expect(result.error?.message).toMatch(/POST \/request-orders: the connection to 127\.0\.0\.1:\d+ broke before the answer arrived \(connection reset\)$/);
		expect(result.error?.description).toBe('HelloPrint did not confirm the call; it may or may not have been carried out.');
		expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
		expect(fake.requestOrders).toHaveLength(1);
	});

	it('retries reads after a reset and a 502', async () => {
		fake.fault({ kind: 'reset', path: '/managers' });
		fake.fault({ kind: 'status', path: '/managers', status: 502, body: '<html>Bad Gateway</html>' });
		const result = await run(fake, { resource: 'list', operation: 'getManagers', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(fake.calls.filter((c) => c.path === '/api/v3/managers').map((c) => c.status)).toEqual([-1, 502, 200]);
	});

	it('reports HelloPrint\'s 404 message', async () => {
		const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'GET', path: '/request-orders/42', query: '{}' });
		expect(result.error?.message).toBe(`HelloPrint ${new URL(fake.url).host}, GET /request-orders/42: HTTP 404 - Request not found.`);
	});

	it('refuses a full address or a path leaving the API, so the key goes nowhere else', async () => {
		for (const path of ['https://evil.example/steal', '//evil.example/x', '/request-orders/../../admin', '/%2e%2e/%2E%2E/admin', '/a/./b']) {
			const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'GET', path, query: '{}' });
			expect(result.error?.message).toMatch(/^Item 0: field "Path" must/);
		}
		expect(fake.calls).toHaveLength(0);
	});

	it('fails on a body that is not JSON, naming the field', async () => {
		const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'POST', path: '/request-orders', query: '{}', body: '{oops' });
		expect(result.error?.message).toBe('Item 0: field "Body" is not valid JSON');
	});

	it('401 on a raw call: "HelloPrint refused the API key", never the key', async () => {
		const result = await run(fake, { resource: 'endpoint', operation: 'call', method: 'GET', path: '/managers', query: '{}' }, [{}], {
			credentials: { helloPrintApi: { apiHost: fake.url, apiKey: 'leaked-key-000111' } },
		});
		expect(result.error?.message).toMatch(/^HelloPrint refused the API key/);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('leaked-key-000111');
	});

	it('fails clearly on an Api Host that is not an address', async () => {
		const result = await run(fake, { resource: 'list', operation: 'getManagers', returnAll: true }, [{}], {
			credentials: { helloPrintApi: { apiHost: 'ftp://files.example', apiKey: fake.apiKey } },
		});
		expect(result.error?.message).toContain('"Api Host" is not an address such as https://shop.helloprint.ru');
	});

	it('accepts an Api Host without scheme, with a trailing slash or with /api/v3', () => {
		expect(apiBase('shop.helloprint.ru')).toBe('https://shop.helloprint.ru/api/v3');
		expect(apiBase(' https://shop.helloprint.ru/ ')).toBe('https://shop.helloprint.ru/api/v3');
		expect(apiBase('https://shop.helloprint.ru/api/v3/')).toBe('https://shop.helloprint.ru/api/v3');
		expect(apiBase('http://127.0.0.1:4400')).toBe('http://127.0.0.1:4400/api/v3');
		expect(apiBase('')).toBeUndefined();
	});
});

describe('HelloPrint API credential', () => {
	const credential = new HelloPrintApi();

	it('sends the key only as a Bearer header and keeps it a password field', () => {
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } } });
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
	});

	it('its test request reaches GET /api/v3/managers on the fake and maps 401', async () => {
		const fake = await startFakeHelloPrint();
		try {
			// Resolve the test request's baseURL with n8n's own expression engine, as n8n does.
			const node = { id: 'n', name: 'Credential Test', type: 'test.x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
			});
			const resolve = (apiHost: string) =>
				workflow.expression.getParameterValue(credential.test.request.baseURL as string, null, 0, 0, node.name, [], 'internal', {
					$credentials: { apiHost, apiKey: fake.apiKey },
				} as never) as string;
			expect(resolve('shop.helloprint.ru/')).toBe('https://shop.helloprint.ru/api/v3');
			expect(resolve('https://shop.helloprint.ru/api/v3')).toBe('https://shop.helloprint.ru/api/v3');
			const base = resolve(fake.url);
			expect(base).toBe(`${fake.url}/api/v3`);
			const qs = new URLSearchParams(credential.test.request.qs as Record<string, string>).toString();
			const ok = await fetch(`${base}${credential.test.request.url}?${qs}`, { headers: { Authorization: `Bearer ${fake.apiKey}` } });
			expect(ok.status).toBe(200);
			const refused = await fetch(`${base}${credential.test.request.url}?${qs}`, { headers: { Authorization: 'Bearer wrong' } });
			expect(refused.status).toBe(401);
			const rule = credential.test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === 401);
			expect(rule?.properties.message).toBe('HelloPrint refused the API key: check "Api Key"');
		} finally {
			await fake.close();
		}
	});
});

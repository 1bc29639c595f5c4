import type { IDataObject } from 'n8n-workflow';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { PixlparkTrigger } from '../../nodes/Pixlpark/PixlparkTrigger.node';
import { readOrder } from '../../nodes/shared/order';
import { startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';
import { webhookOnce, type FakeRequest } from './contexts';

const credentialTypes = [new PixlparkApi()];
const SECRET = 'pixlpark-hook-secret-0f9a8b7c';

describe('Pixlpark Trigger webhook (n8n-core WebhookContext)', () => {
	let fake: FakePixlpark;
	beforeEach(async () => {
		fake = await startFakePixlpark({ orders: 5 });
	});
	afterEach(async () => fake.close());

	function call(parameters: IDataObject, request: Partial<FakeRequest>) {
		return webhookOnce(
			{
				node: new PixlparkTrigger(),
				parameters: { events: ['placed', 'changed'], secretLocation: 'query', secret: SECRET, output: 'raw', ...parameters },
				credentialTypes,
				credentials: { pixlparkApi: fake.credentials() },
			},
			{ headers: {}, params: {}, query: {}, body: {}, ...request },
		);
	}

	const orderId = () => [...fake.orders.keys()][1];

	it('with the node\'s Secret empty, checks the Webhook Secret kept in the credential', async () => {
		const body = fake.webhookPayload('placed', orderId());
		const fromCredential = fake.credentials().webhookSecret;
		const ok = await call({ secret: '' }, { query: { secret: fromCredential, event: 'placed' }, body });
		expect(ok.result.workflowData?.[0][0].json.Id).toBe(orderId());
		const forged = await call({ secret: '' }, { query: { secret: SECRET, event: 'placed' }, body });
		expect(forged.result.workflowData).toBeUndefined();
		expect(forged.response.statusCode).toBe(401);
	});

	it('accepts a call with the secret in the URL query and outputs the raw body with the event', async () => {
		const body = fake.webhookPayload('placed', orderId());
		const { result, response } = await call({}, { query: { secret: SECRET, event: 'placed' }, body });
		expect(response.ended).toBe(false);
		expect(result.workflowData).toHaveLength(1);
		const json = result.workflowData![0][0].json;
		expect(json.event).toBe('placed');
		expect(json.Id).toBe(orderId());
		expect(json.DateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(json.UserAdditionalInfo).toEqual(body.UserAdditionalInfo);
	});

	it('rejects a wrong or missing secret with 401 and starts nothing', async () => {
		const body = fake.webhookPayload('placed', orderId());
		const attempts: Array<Record<string, string>> = [{ secret: 'guess' }, {}, { secret: SECRET.slice(0, -1) }];
		for (const params of attempts) {
			const { result, response } = await call({}, { query: { ...params, event: 'placed' }, body });
			expect(response.statusCode).toBe(401);
			expect(response.body).toEqual({ message: 'Unauthorized' });
			expect(result.workflowData).toBeUndefined();
			expect(result.noWebhookResponse).toBe(true);
		}
	});

	it('header mode: accepts the secret in the chosen header only', async () => {
		const body = fake.webhookPayload('changed', orderId());
		const parameters = { secretLocation: 'header', headerName: 'X-Shop-Secret' };
		const ok = await call(parameters, { headers: { 'X-Shop-Secret': SECRET }, query: { event: 'changed' }, body });
		expect(ok.result.workflowData?.[0][0].json.event).toBe('changed');
		const inPath = await call(parameters, { query: { secret: SECRET, event: 'changed' }, body });
		expect(inPath.response.statusCode).toBe(401);
		expect(inPath.result.workflowData).toBeUndefined();
	});

	it('rejects a body that is not an order with 400', async () => {
		for (const body of [{}, { Id: 'abc' }, [1, 2], { Id: -3 }]) {
			const { result, response } = await call({}, { query: { secret: SECRET }, body });
			expect(response.statusCode).toBe(400);
			expect(result.workflowData).toBeUndefined();
		}
	});

	it('ignores events that are not selected (200, no execution) and unknown events (400)', async () => {
		const body = fake.webhookPayload('comment', orderId());
		const ignored = await call({}, { query: { secret: SECRET, event: 'comment' }, body });
		expect(ignored.response.statusCode).toBe(200);
		expect(ignored.result.workflowData).toBeUndefined();
		const unknown = await call({}, { query: { secret: SECRET, event: 'exploded' }, body });
		expect(unknown.response.statusCode).toBe(400);
	});

	it('drops prototype-polluting keys from the body', async () => {
		const body = JSON.parse(`{"Id": ${orderId()}, "__proto__": {"polluted": true}, "constructor": {"x": 1}}`);
		const { result } = await call({}, { query: { secret: SECRET }, body });
		const json = result.workflowData![0][0].json;
		expect(Object.keys(json).sort()).toEqual(['Id', 'event']);
		expect(({} as IDataObject).polluted).toBeUndefined();
	});

	it('full Order output fetches the order through the transport', async () => {
		const body = fake.webhookPayload('render', orderId());
		const { result } = await call({ output: 'fullOrder', events: ['render'] }, { query: { secret: SECRET, event: 'render' }, body });
		const json = result.workflowData![0][0].json;
		expect(json.id).toBe(String(orderId()));
		expect((json.items as unknown[]).length).toBe(fake.items.get(orderId())!.length);
		const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		expect(readOrder(json, node, 0)).toEqual(json);
		expect(fake.requests.filter((r) => r.path === `/orders/${orderId()}`)).toHaveLength(1);
	});
});

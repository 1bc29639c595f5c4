import type { FakeASystem } from '../fakes/asystem';
import { startFakeASystem } from '../fakes/asystem';
import { options, run } from './helpers';

describe('ASystem node: identifiers, templates, calculator, any endpoint (engine + fake)', () => {
	let fake: FakeASystem;
	beforeAll(async () => {
		fake = await startFakeASystem();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	it('Identifiers > Get returns the manager and contractor ids, sending the key in X-Api-Key', async () => {
		const result = await run(fake, { resource: 'identifiers', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ managerId: '7', managerName: 'Иванова Мария', contractorId: '1042', contractorName: 'Интернет-магазин (Pixlpark)' }]);
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/identifiers', apiKeyValid: true });
	});

	it('Template > List returns one item per template, paired with the input item', async () => {
		const result = await run(fake, { resource: 'template', operation: 'list' });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ id: '101', name: 'Визитная карточка' },
			{ id: '202', name: 'Листовка А5' },
		]);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Template > Get returns the three parameter groups', async () => {
		const result = await run(fake, { resource: 'template', operation: 'get', templateId: '101' });
		expect(result.error).toBeUndefined();
		const t = result.json[0];
		expect(t.id).toBe('101');
		expect(t.name).toBe('Визитная карточка');
		const names = (list: unknown) => (list as Array<{ name: string }>).map((p) => p.name);
		expect(names(t.orderParameters).slice(0, 5)).toEqual(['Вид оплаты', 'Тип доставки', 'Тираж', 'Город отгрузки', 'Промо-код']);
		expect(t.detailParameters).toEqual([{ name: 'Флаер', type: 'list', required: false, values: ['Без флаера', 'С флаером'], default: 'Без флаера' }]);
		expect(t.operationParameters).toEqual([{ name: 'Упаковка – Изделий в упаковке', type: 'number', required: false, default: '100' }]);
		expect((t.orderParameters as Array<{ name: string; required: boolean }>)[0]).toMatchObject({ name: 'Вид оплаты', required: true, type: 'list' });
	});

	it('Template > Get of an unknown template fails with ASystem\'s code and message', async () => {
		const result = await run(fake, { resource: 'template', operation: 'get', templateId: '999' });
		expect(result.error?.message).toBe('Item 0: ASystem answered 404 TEMPLATE_NOT_FOUND to GET /api/templates/999: Template 999 not found');
	});

	it('dropdowns: templates sorted by name, and the parameters of the chosen template by group', async () => {
		const templates = await options(fake, 'getTemplates', { resource: 'template', operation: 'get' });
		expect(templates).toEqual([
			{ name: 'Визитная карточка', value: '101', description: 'ID 101' },
			{ name: 'Листовка А5', value: '202', description: 'ID 202' },
		]);
		const parameters = await options(fake, 'getTemplateParameters', { resource: 'order', operation: 'send', templateId: '101' });
		const values = parameters.map((p) => p.value);
		expect(values).toContain('order:Вид оплаты');
		expect(values).toContain('detail:Флаер');
		expect(values).toContain('operation:Упаковка – Изделий в упаковке');
		expect(parameters.find((p) => p.value === 'order:Вид оплаты')).toEqual({
			name: 'Order: Вид оплаты',
			value: 'order:Вид оплаты',
			description: 'list; required; values: Наличные, Безналичный расчёт, Онлайн-оплата',
		});
		expect(await options(fake, 'getTemplateParameters', { resource: 'order', operation: 'send', templateId: '' })).toEqual([]);
	});

	it('Calculator > Calculate Price returns the price and the rounded price', async () => {
		const parameters = {
			resource: 'calculator',
			operation: 'price',
			templateId: '101',
			rounding: 'up10',
			parameters: {
				parameter: [
					{ name: 'order:Вид оплаты', value: 'Наличные' },
					{ name: 'order:Тип доставки', value: 'Курьер' },
					{ name: 'Тираж', value: '1000' },
					{ name: 'detail:Флаер', value: 'С флаером' },
				],
			},
		};
		const result = await run(fake, parameters);
		expect(result.error).toBeUndefined();
		// 1.2345 x 1000 + 300 (courier) + 350 (flyer) = 1884.50; up to 10 -> 1890.
		expect(result.json[0]).toMatchObject({ templateId: '101', price: 1884.5, roundedPrice: 1890, rounding: 'up10', currency: 'RUB' });
		const call = fake.requests.find((r) => r.path === '/api/calculator');
		expect(call?.body).toEqual({
			templateId: '101',
			orderParameters: { 'Вид оплаты': 'Наличные', 'Тип доставки': 'Курьер', Тираж: '1000' },
			detailParameters: { Флаер: 'С флаером' },
			operationParameters: {},
		});
		const nearest = await run(fake, { ...parameters, rounding: 'nearest100' });
		expect(nearest.json[0]).toMatchObject({ price: 1884.5, roundedPrice: 1900 });
		const none = await run(fake, { ...parameters, rounding: 'none' });
		expect(none.json[0]).toMatchObject({ price: 1884.5, roundedPrice: 1884.5 });
	});

	it('Calculator: a parameter the template does not have is an error naming it', async () => {
		const result = await run(fake, {
			resource: 'calculator',
			operation: 'price',
			templateId: '202',
			parameters: { parameter: [{ name: 'Флаер', value: 'С флаером' }] },
		});
		expect(result.error?.message).toBe('Item 0: field "Parameters" names "Флаер", which ASystem template "Листовка А5" (ID 202) does not have');
		expect(fake.requests.some((r) => r.path === '/api/calculator')).toBe(false);
	});

	it('Any Endpoint > Call sends method, path, query and body with the credential', async () => {
		const get = await run(fake, { resource: 'anyEndpoint', operation: 'call', method: 'GET', path: '/api/templates', query: '{"page":"1"}' });
		expect(get.error).toBeUndefined();
		expect(get.json[0]).toEqual({ templates: [{ id: '101', name: 'Визитная карточка' }, { id: '202', name: 'Листовка А5' }] });
		expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/templates', query: { page: '1' }, apiKeyValid: true });

		const post = await run(fake, {
			resource: 'anyEndpoint',
			operation: 'call',
			method: 'POST',
			path: '/api/calculator',
			query: '{}',
			body: JSON.stringify({ templateId: '202', orderParameters: { Тираж: '100', Бумага: 'Офсетная 80 г/м²' } }),
		});
		expect(post.error).toBeUndefined();
		expect(post.json[0]).toEqual({ price: 350, currency: 'RUB' });
	});

	it('Any Endpoint: a path that could leave the Api Host is refused before any request', async () => {
		const result = await run(fake, { resource: 'anyEndpoint', operation: 'call', method: 'GET', path: '//evil.example/api', query: '{}' });
		expect(result.error?.message).toBe('Item 0: field "Path" must start with a single / (e.g. /api/templates), got "//evil.example/api"');
		expect(fake.requests).toHaveLength(0);
	});

	it('Any Endpoint: a POST whose answer was lost is not resent; a GET after a 503 is', async () => {
		fake.failNext({ kind: 'lostAnswer', path: '/api/calculator' });
		const post = await run(fake, {
			resource: 'anyEndpoint',
			operation: 'call',
			method: 'POST',
			path: '/api/calculator',
			query: '{}',
			body: JSON.stringify({ templateId: '202', orderParameters: { Тираж: '100', Бумага: 'Офсетная 80 г/м²' } }),
		});
		expect(post.error?.message).toBe(`Item 0: Cannot reach ASystem at ${fake.url} (the connection broke before ASystem answered, POST /api/calculator)`);
		expect(fake.requests.filter((r) => r.path === '/api/calculator')).toHaveLength(1);

		fake.reset();
		fake.failNext({ kind: 'status', status: 503, retryAfter: 0, path: '/api/templates' });
		const get = await run(fake, { resource: 'anyEndpoint', operation: 'call', method: 'GET', path: '/api/templates', query: '{}' });
		expect(get.error).toBeUndefined();
		expect(fake.requests.map((r) => r.outcome)).toEqual(['fault:503', 'ok']);
	});
});

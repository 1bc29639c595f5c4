/** Order -> Send: an Order item becomes a HelloPrint request; checked in the fake's state. */
import { startFakeHelloPrint, type FakeHelloPrint } from '../fakes/helloprint';
import { feedDate } from '../../nodes/HelloPrint/actions/order/payload';
import { orderItem, run, SEND_PARAMETERS } from './fixtures';

describe('discussion feed dates', () => {
	it('are dd.MM.yyyy HH:mm in the given time zone, the text itself when unreadable', () => {
		expect(feedDate('2026-12-01T21:05:00.000Z', 'Europe/Moscow')).toBe('02.12.2026 00:05');
		expect(feedDate('2026-12-01T21:05:00.000Z', 'UTC')).toBe('01.12.2026 21:05');
		expect(feedDate('', 'UTC')).toBe('');
		expect(feedDate('2026-12-01T21:05:00.000Z', 'Not/AZone')).toBe('2026-12-01T21:05:00.000Z');
	});
});

describe('HelloPrint order send', () => {
	let fake: FakeHelloPrint;
	beforeEach(async () => {
		fake = await startFakeHelloPrint();
	});
	afterEach(async () => fake.close());

	it('creates a request with customer, template, lines, feed, archive link and defaults', async () => {
		const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				orderId: '73021',
				orderNumber: '73021',
				requestId: 1001,
				requestNumber: 'З-1001',
				link: `${fake.url}/requests/1001`,
				created: true,
				idempotencyKey: 'pixlpark-73021',
			},
		]);
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(fake.requestOrders).toHaveLength(1);
		const stored = fake.requestOrders[0];
		expect(stored.idempotencyKey).toBe('pixlpark-73021');
		const body = stored.body;
		expect(body.surname).toBe('Кузнецова');
		expect(body.name).toBe('Мария');
		expect(body.patronymic).toBe('Петровна');
		expect(body.phone).toBe('+7 (916) 555-12-34');
		expect(body.email).toBe('maria@example.ru');
		expect(body.client_type_id).toBe(1);
		expect(body.company_name).toBeUndefined();
		expect(body.manager_id).toBe(8);
		expect(body.company_id).toBe(1);
		expect(body.tech_site_id).toBe(3);
		expect(body.order_source_id).toBe(11);
		expect(body.template_id).toBe(64);
		// Width from the node, height and eyelets from the line's options, material from the template default.
		expect(body.template_params).toEqual([
			{ id: 641, name: 'Ширина, м', value: '3' },
			{ id: 642, name: 'Высота, м', value: '1' },
			{ id: 643, name: 'Материал', value: 'Баннер 440 г/м²' },
			{ id: 644, name: 'Люверсы', value: 'По периметру, шаг 0,5 м' },
		]);
		expect(body.items).toEqual([
			{
				name: 'Баннер ш/ф',
				quantity: 1,
				price: 4000,
				total: 4000,
				options: [
					{ name: 'Высота, м', value: '1' },
					{ name: 'Люверсы', value: 'По периметру, шаг 0,5 м' },
				],
			},
		]);
		// Dates in the workflow's time zone: the harness workflow has n8n's default, America/New_York.
		expect(body.comment).toBe('[Мария][01.12.2026 04:31][Нужно к пятнице]\n[Менеджер][01.12.2026 05:00][Макет принят]');
		expect(body.archive_link).toBe('https://shop.example/orders/73021/archive.zip');
		expect(body.order_link).toBe('https://shop.example/admin/orders/73021');
		expect(body.external_id).toBe('73021');
		expect(body.external_number).toBe('73021');
		expect(body.title).toBe('Баннер 3x1 м');
		expect(body.total).toBe(4350);
		expect(body.currency).toBe('RUB');
		expect(body.delivery).toEqual({ method: 'Курьер', address: 'Москва, ул. Тверская, 1', recipient: 'Кузнецова Мария', phone: '+79165551234', price: 350 });
		const post = fake.calls.find((c) => c.method === 'POST');
		expect(post?.authorization).toBe(`Bearer ${fake.apiKey}`);
		// The template is read once per execution.
		expect(fake.calls.filter((c) => c.path === '/api/v3/templates/64')).toHaveLength(1);
	});

	it('sends a company customer with client type 2, the company and the given name parts', async () => {
		const item = orderItem({ id: '73022', number: '73022' }, {
			type: 'company',
			name: '',
			lastName: 'Орлов',
			firstName: 'Дмитрий',
			companyName: 'ООО «Ромашка»',
			inn: '7712345678',
		});
		const result = await run(fake, { ...SEND_PARAMETERS, options: { includeComments: false, includeArchiveLink: false } }, [item]);
		expect(result.error).toBeUndefined();
		const body = fake.requestOrders[0].body;
		expect([body.surname, body.name, body.patronymic]).toEqual(['Орлов', 'Дмитрий', '']);
		expect(body.client_type_id).toBe(2);
		expect(body.company_name).toBe('ООО «Ромашка»');
		expect(body.inn).toBe('7712345678');
		expect(body.comment).toBeUndefined();
		expect(body.archive_link).toBeUndefined();
	});

	it('splits full names that are not three words: two -> no patronymic, one -> name only, more -> rest is the patronymic', async () => {
		const items = [
			orderItem({ id: '1' }, { name: 'Иванов Иван' }),
			orderItem({ id: '2' }, { name: '  Иван  ' }),
			orderItem({ id: '3' }, { name: 'Мамедов Руслан Ильхам оглы' }),
		];
		const result = await run(fake, SEND_PARAMETERS, items);
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.requestId)).toEqual([1001, 1002, 1003]);
		expect(fake.requestOrders.map((r) => [r.body.surname, r.body.name, r.body.patronymic])).toEqual([
			['Иванов', 'Иван', ''],
			['', 'Иван', ''],
			['Мамедов', 'Руслан', 'Ильхам оглы'],
		]);
	});

	it('sends without a template when none is chosen', async () => {
		const result = await run(fake, { resource: 'order', operation: 'send', templateId: '' }, [orderItem()]);
		expect(result.error).toBeUndefined();
		const body = fake.requestOrders[0].body;
		expect(body.template_id).toBeUndefined();
		expect(body.template_params).toBeUndefined();
		expect(body.manager_id).toBeUndefined();
		expect(fake.calls.some((c) => c.path.startsWith('/api/v3/templates'))).toBe(false);
	});

	it('fails an order without a phone, naming the item and customer.phone, and sends nothing', async () => {
		const result = await run(fake, SEND_PARAMETERS, [orderItem({}, { phone: '' })]);
		expect(result.error?.message).toBe('Item 0: field "customer.phone" is missing: HelloPrint requires a phone number for every request');
		expect(fake.requestOrders).toHaveLength(0);
		expect(fake.calls).toHaveLength(0);
	});

	it('fails an order without any name, naming customer.name', async () => {
		const result = await run(fake, SEND_PARAMETERS, [orderItem({}, { name: '' })]);
		expect(result.error?.message).toMatch(/^Item 0: field "customer\.name" is missing/);
		expect(fake.requestOrders).toHaveLength(0);
	});

	it('fails when a required template parameter has no value, naming it', async () => {
		const result = await run(fake, { ...SEND_PARAMETERS, templateParameters: {} }, [orderItem()]);
		expect(result.error?.message).toBe(
			'Item 0: template "HP-64.01 Баннер ш/ф" parameter "Ширина, м" is required but has no value: set it under "Template Parameters" or give an order line an option named "Ширина, м"',
		);
		expect(fake.requestOrders).toHaveLength(0);
	});

	it('fails on a parameter the template does not have', async () => {
		const result = await run(fake, { ...SEND_PARAMETERS, templateParameters: { values: [{ parameter: 'Плотность', value: '1' }] } }, [orderItem()]);
		expect(result.error?.message).toBe('Item 0: "Template Parameters" entry 1 names parameter "Плотность", which template "HP-64.01 Баннер ш/ф" does not have');
	});

	it('accepts template parameters by name (expressions) and reports HelloPrint\'s validation message', async () => {
		const result = await run(
			fake,
			{ ...SEND_PARAMETERS, templateParameters: { values: [{ parameter: 'ширина, м', value: '2' }, { parameter: 'Материал', value: 'Сетка' }] } },
			[orderItem()],
		);
		expect(result.error?.message).toContain('HTTP 422 - The given data was invalid. - template_params.643: The selected value for Материал is invalid.');
		expect((result.error as { httpCode?: string }).httpCode).toBe('422');
		expect(fake.requestOrders).toHaveLength(0);
	});

	it('with Continue on Fail, a bad item becomes an error item and the others are sent', async () => {
		const items = [orderItem({ id: 'A1' }), orderItem({ id: 'A2' }, { phone: undefined }), orderItem({ id: 'A3' })];
		const result = await run(fake, SEND_PARAMETERS, items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(result.json[0].requestId).toBe(1001);
		expect(result.json[1]).toEqual({ error: 'Item 1: field "customer.phone" is missing: HelloPrint requires a phone number for every request' });
		expect(result.json[2].requestId).toBe(1002);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake.requestOrders.map((r) => r.body.external_id)).toEqual(['A1', 'A3']);
	});

	it('a bad Order item (not an order) fails with the Order reader\'s message', async () => {
		const result = await run(fake, SEND_PARAMETERS, [{ title: 'no id' }]);
		expect(result.error?.message).toBe('Item 0: order field "id" is missing');
	});

	describe('never a duplicate', () => {
		it('a lost answer is retried with the same idempotency key and creates one request', async () => {
			fake.fault({ kind: 'lose', method: 'POST', path: '/request-orders' });
			const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(result.error).toBeUndefined();
			expect(fake.requestOrders).toHaveLength(1);
			const posts = fake.calls.filter((c) => c.method === 'POST');
			expect(posts.map((c) => [c.status, c.idempotencyKey])).toEqual([
				[-1, 'pixlpark-73021'],
				[200, 'pixlpark-73021'],
			]);
			expect(result.json[0]).toMatchObject({ requestId: 1001, link: `${fake.url}/requests/1001`, created: true });
		});

		it('a reset before HelloPrint ran the call is retried too', async () => {
			fake.fault({ kind: 'reset', method: 'POST', path: '/request-orders' });
			const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(result.error).toBeUndefined();
			expect(fake.requestOrders).toHaveLength(1);
			expect(result.json[0]).toMatchObject({ requestId: 1001, created: true });
		});

		it('sending the same order again returns the first request', async () => {
			await run(fake, SEND_PARAMETERS, [orderItem()]);
			const again = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(again.error).toBeUndefined();
			expect(again.json[0]).toMatchObject({ requestId: 1001, link: `${fake.url}/requests/1001`, created: false });
			expect(fake.requestOrders).toHaveLength(1);
		});

		it('503 and 429 are waited out (Retry-After honoured) and the request is created once', async () => {
			fake.fault({ kind: 'status', method: 'POST', status: 503, body: { message: 'Service Unavailable' }, headers: { 'Retry-After': '0' } });
			fake.fault({ kind: 'status', method: 'POST', status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '0' } });
			const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(result.error).toBeUndefined();
			expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([503, 429, 201]);
			expect(fake.requestOrders).toHaveLength(1);
		});
	});

	describe('HelloPrint errors', () => {
		it('401: "HelloPrint refused the API key", without the key', async () => {
			const result = await run(fake, SEND_PARAMETERS, [orderItem()], { credentials: { helloPrintApi: { apiHost: fake.url, apiKey: 'not-the-key-987654' } } });
			expect(result.error?.message).toBe(`HelloPrint refused the API key (127.0.0.1:${new URL(fake.url).port})`);
			expect((result.error as { httpCode?: string }).httpCode).toBe('401');
			expect(JSON.stringify(result.run.data.resultData)).not.toContain('not-the-key-987654');
			expect(fake.requestOrders).toHaveLength(0);
		});

		it('500 fails with HelloPrint\'s message and is not resent (the key makes a manual rerun safe)', async () => {
			fake.fault({ kind: 'status', method: 'POST', status: 500, body: { message: 'SQLSTATE[HY000]: database is locked' } });
			const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(result.error?.message).toBe(`HelloPrint ${new URL(fake.url).host}, POST /request-orders: HTTP 500 - SQLSTATE[HY000]: database is locked`);
			expect((result.error as { httpCode?: string }).httpCode).toBe('500');
			expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
			const rerun = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(rerun.json[0]).toMatchObject({ requestId: 1001, created: true });
		});

		it('503 that never ends fails after the retries with HelloPrint\'s message', async () => {
			fake.fault({ kind: 'status', method: 'GET', path: '/templates', status: 503, body: { message: 'Maintenance' }, headers: { 'Retry-After': '0' }, times: 10 });
			const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(result.error?.message).toContain('GET /templates/64: HTTP 503 - Maintenance');
			expect(fake.calls.filter((c) => c.path === '/api/v3/templates/64')).toHaveLength(5);
			expect(fake.requestOrders).toHaveLength(0);
		});

		it('an Api Host with nothing listening fails clearly', async () => {
			await fake.close();
			const result = await run(fake, SEND_PARAMETERS, [orderItem()]);
			expect(result.error?.message).toMatch(/^HelloPrint 127\.0\.0\.1:\d+, GET \/templates\/64: cannot reach 127\.0\.0\.1:\d+ \(connection refused\)$/);
			fake = await startFakeHelloPrint();
		});
	});
});

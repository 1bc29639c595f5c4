import type { FakeASystem } from '../fakes/asystem';
import { startFakeASystem } from '../fakes/asystem';
import { leafletOrder, run, sampleOrder, sendParameters } from './helpers';

const COMMENT_LINE = /^\[(.+)\]\[(\d{2}\.\d{2}\.\d{4} \d{2}:\d{2})\]\[(.+)\]$/;

describe('ASystem node: Order > Send (engine + fake)', () => {
	let fake: FakeASystem;
	beforeAll(async () => {
		fake = await startFakeASystem();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	it('sends an order with template parameters from the order options and every extra parameter the template has', async () => {
		const result = await run(fake, sendParameters({ rounding: 'up10', issueDate: '2026-12-10' }), [sampleOrder()]);
		expect(result.error).toBeUndefined();
		expect(fake.orders).toHaveLength(1);
		const stored = fake.orders[0];
		expect(stored).toMatchObject({
			id: 'AS-000001',
			externalId: '120345',
			externalNumber: '120345',
			templateId: '101',
			managerId: '7',
			contractorId: '1042',
			idempotencyKey: 'pixlpark-120345',
		});
		const { Комментарий: comment, ...orderParameters } = stored.orderParameters;
		expect(orderParameters).toEqual({
			'Вид оплаты': 'Онлайн-оплата',
			'Тип доставки': 'Курьер',
			Тираж: '1000',
			'Номер заказа': '120345',
			Получатель: 'Петрова Анна',
			'Способ доставки': 'Курьер',
			'Адрес доставки': 'Москва, ул. Ленина, 1',
			'Дата выдачи': '10.12.2026',
			'Файлы заказа': 'https://shop.example/archive/120345.zip',
			'Статус оплаты': 'Оплачен (ЮKassa)',
			'Округленная стоимость': '1540',
		});
		const lines = comment.split('\n');
		expect(lines).toHaveLength(2);
		expect(COMMENT_LINE.exec(lines[0])?.slice(1).filter((_, i) => i !== 1)).toEqual(['Петров Иван', 'Нужно к пятнице']);
		expect(COMMENT_LINE.exec(lines[1])?.slice(1).filter((_, i) => i !== 1)).toEqual(['Менеджер', 'Принято в работу']);
		expect(stored.detailParameters).toEqual({ Флаер: 'С флаером' });
		expect(stored.operationParameters).toEqual({});

		expect(result.json[0]).toMatchObject({
			asystemOrderId: 'AS-000001',
			asystemOrderNumber: '000001',
			created: true,
			orderId: '120345',
			orderNumber: '120345',
			templateId: '101',
			templateName: 'Визитная карточка',
			managerId: '7',
			contractorId: '1042',
		});
		expect(result.json[0].orderParameters).toEqual(stored.orderParameters);
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('skips the extra parameters a template does not have (not sent empty), and fills its own', async () => {
		const result = await run(fake, sendParameters({ templateId: '202' }), [leafletOrder()]);
		expect(result.error).toBeUndefined();
		expect(fake.orders).toHaveLength(1);
		const body = fake.requests.find((r) => r.method === 'POST' && r.path === '/api/orders')?.body;
		expect(body).toEqual({
			externalId: '120400',
			externalNumber: '120400',
			templateId: '202',
			managerId: '7',
			contractorId: '1042',
			orderParameters: { Тираж: '1000', Бумага: 'Мелованная 130 г/м²' },
			detailParameters: {},
			operationParameters: {},
		});
		const skipped = result.json[0].skipped as Array<{ name: string; reason: string }>;
		expect(skipped.map((s) => s.name).sort()).toEqual(
			['Адрес доставки', 'Дата выдачи', 'Комментарий', 'Номер заказа', 'Округленная стоимость', 'Получатель', 'Способ доставки', 'Статус оплаты', 'Файлы заказа'].sort(),
		);
		expect(skipped.every((s) => s.reason === 'the template has no parameter of this name')).toBe(true);
	});

	it('leaves out the order files while the order is not archived, and the comment when there is none', async () => {
		const order = sampleOrder({ archiveUrl: undefined, comments: [] });
		delete order.archiveUrl;
		// An option holding only spaces counts as no value.
		(order.items as Array<{ sku: unknown[] }>)[0].sku.push({ name: 'Город отгрузки', value: '   ' });
		const result = await run(fake, sendParameters(), [order]);
		expect(result.error).toBeUndefined();
		const sent = fake.orders[0].orderParameters;
		expect(sent).not.toHaveProperty('Файлы заказа');
		expect(sent).not.toHaveProperty('Комментарий');
		expect(sent).not.toHaveProperty('Дата выдачи');
		expect(sent).not.toHaveProperty('Город отгрузки');
		expect(sent['Округленная стоимость']).toBe('1534.56');
		expect(result.json[0].skipped).toEqual(
			expect.arrayContaining([
				{ name: 'Файлы заказа', reason: 'the order is not archived yet (no archiveUrl)' },
				{ name: 'Комментарий', reason: 'the order has no comments' },
				{ name: 'Дата выдачи', reason: '"Issue Date" is not set' },
			]),
		);
	});

	it('takes a parameter the site shows under another name ("Name on the Site"), and a fixed value', async () => {
		const order = sampleOrder({
			items: [
				{
					name: 'Визитки',
					quantity: 1,
					price: 1000,
					sku: [
						{ name: 'Способ оплаты', value: 'Наличные' },
						{ name: 'Доставка', value: 'Самовывоз' },
						{ name: 'Количество', value: '500' },
					],
				},
			],
		});
		const result = await run(
			fake,
			sendParameters({
				parameterMapping: {
					mapping: [
						{ parameter: 'order:Вид оплаты', siteName: 'Способ оплаты', value: '' },
						{ parameter: 'order:Тип доставки', siteName: 'Доставка', value: '' },
						{ parameter: 'order:Тираж', siteName: 'Количество', value: '' },
						{ parameter: 'order:Город отгрузки', siteName: '', value: 'Казань' },
						{ parameter: 'operation:Упаковка – Изделий в упаковке', siteName: '', value: '50' },
					],
				},
			}),
			[order],
		);
		expect(result.error).toBeUndefined();
		const stored = fake.orders[0];
		expect(stored.orderParameters).toMatchObject({ 'Вид оплаты': 'Наличные', 'Тип доставки': 'Самовывоз', Тираж: '500', 'Город отгрузки': 'Казань' });
		expect(stored.operationParameters).toEqual({ 'Упаковка – Изделий в упаковке': '50' });
		expect(stored.detailParameters).toEqual({});
	});

	it('renamed order-parameter names of the integration are looked up under the new name', async () => {
		const result = await run(
			fake,
			sendParameters({
				// The shop's template calls the comment "Город отгрузки"'s neighbour "Промо-код"... here:
				// the recipient goes to "Город отгрузки" (a contrived rename that the template has) and
				// the payment status is switched off.
				parameterNames: { recipient: 'Город отгрузки', paymentStatus: '', orderNumber: 'Номер заказа на сайте' },
			}),
			[sampleOrder()],
		);
		expect(result.error).toBeUndefined();
		const sent = fake.orders[0].orderParameters;
		expect(sent['Город отгрузки']).toBe('Петрова Анна');
		expect(sent).not.toHaveProperty('Получатель');
		expect(sent).not.toHaveProperty('Статус оплаты');
		expect(sent).not.toHaveProperty('Номер заказа');
		expect(result.json[0].skipped).toEqual(expect.arrayContaining([{ name: 'Номер заказа на сайте', reason: 'the template has no parameter of this name' }]));
	});

	it('a missing required template parameter is an error naming the item and the parameter; nothing is sent', async () => {
		const order = sampleOrder();
		(order.items as Array<{ sku: Array<{ name: string }> }>)[0].sku = [
			{ name: 'Вид оплаты', value: 'Наличные' },
			{ name: 'Тираж', value: '100' },
		] as never;
		const result = await run(fake, sendParameters(), [order]);
		expect(result.error?.message).toBe(
			'Item 0: order 120345 has no value for the required parameter "Тип доставки" (order parameters) of ASystem template "Визитная карточка" (ID 101)',
		);
		expect(fake.orders).toHaveLength(0);
		expect(fake.requests.some((r) => r.path === '/api/orders')).toBe(false);
	});

	it('a mapping naming a parameter the template does not have is an error naming it', async () => {
		const result = await run(
			fake,
			sendParameters({ templateId: '202', parameterMapping: { mapping: [{ parameter: 'detail:Флаер', siteName: '', value: 'С флаером' }] } }),
			[leafletOrder()],
		);
		expect(result.error?.message).toBe('Item 0: field "Template Parameters" names "Флаер", which ASystem template "Листовка А5" (ID 202) does not have');
		expect(fake.orders).toHaveLength(0);
	});

	it('a value ASystem rejects comes back as a NodeApiError with its code and message', async () => {
		const order = sampleOrder();
		const result = await run(fake, sendParameters({ parameterMapping: { mapping: [{ parameter: 'order:Вид оплаты', siteName: '', value: 'Бартер' }] } }), [order]);
		expect(result.error?.message).toBe(
			'Item 0: ASystem answered 400 VALIDATION_ERROR to POST /api/orders: Parameter "Вид оплаты" does not allow "Бартер" (allowed: Наличные, Безналичный расчёт, Онлайн-оплата)',
		);
		expect(fake.orders).toHaveLength(0);
	});

	it('manager and contractor ids given on the node are used without asking Identifiers', async () => {
		const result = await run(fake, sendParameters({ managerId: '7', contractorId: '1042' }), [sampleOrder()]);
		expect(result.error).toBeUndefined();
		expect(fake.requests.some((r) => r.path === '/api/identifiers')).toBe(false);
		const wrong = await run(fake, sendParameters({ managerId: '99', contractorId: '1042' }), [sampleOrder({ id: '777' })]);
		expect(wrong.error?.message).toBe('Item 0: ASystem answered 422 MANAGER_NOT_FOUND to POST /api/orders: Manager 99 not found');
	});

	it('a bad Order item is an error naming the item and the field', async () => {
		const result = await run(fake, sendParameters(), [sampleOrder({ createdAt: 'yesterday' })]);
		expect(result.error?.message).toBe('Item 0: order field "createdAt" is not a date: "yesterday"');
	});

	it('Continue on Fail: one bad item among good ones becomes an error item, the others are sent', async () => {
		const bad = sampleOrder({ id: '2', number: '2' });
		(bad.items as Array<{ sku: unknown[] }>)[0].sku = [{ name: 'Тираж', value: '10' }];
		const result = await run(fake, sendParameters(), [sampleOrder({ id: '1', number: '1' }), bad, sampleOrder({ id: '3', number: '3' })], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(result.json[0]).toMatchObject({ orderId: '1', asystemOrderId: 'AS-000001', created: true });
		expect(result.json[1]).toEqual({
			error: 'Item 1: order 2 has no value for the required parameter "Вид оплаты" (order parameters), "Тип доставки" (order parameters) of ASystem template "Визитная карточка" (ID 101)',
		});
		expect(result.json[2]).toMatchObject({ orderId: '3', asystemOrderId: 'AS-000002', created: true });
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake.orders.map((o) => o.externalId)).toEqual(['1', '3']);
		// The template and the identifiers are read once per execution, not per item.
		expect(fake.requests.filter((r) => r.path === '/api/templates/101')).toHaveLength(1);
		expect(fake.requests.filter((r) => r.path === '/api/identifiers')).toHaveLength(1);
	});

	it('an answer lost after ASystem stored the order does not create a duplicate', async () => {
		fake.failNext({ kind: 'lostAnswer', method: 'POST', path: '/api/orders' });
		const result = await run(fake, sendParameters(), [sampleOrder()]);
		expect(result.error).toBeUndefined();
		expect(fake.orders).toHaveLength(1);
		const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/orders');
		expect(posts.map((r) => r.outcome)).toEqual(['fault:lostAnswer', 'ok']);
		expect(posts.map((r) => r.idempotencyKey)).toEqual(['pixlpark-120345', 'pixlpark-120345']);
		expect(result.json[0]).toMatchObject({ asystemOrderId: 'AS-000001', created: false });
	});

	it('sending the same order again returns the order created the first time', async () => {
		const first = await run(fake, sendParameters(), [sampleOrder()]);
		const second = await run(fake, sendParameters(), [sampleOrder()]);
		expect(fake.orders).toHaveLength(1);
		expect(first.json[0]).toMatchObject({ asystemOrderId: 'AS-000001', created: true });
		expect(second.json[0]).toMatchObject({ asystemOrderId: 'AS-000001', created: false });
	});

	it('retries 503, 429, 500-class gateway errors and a reset before processing, then sends once', async () => {
		fake.failNext({ kind: 'status', status: 503, retryAfter: 0, path: '/api/orders' });
		fake.failNext({ kind: 'status', status: 429, retryAfter: 0, path: '/api/orders' });
		fake.failNext({ kind: 'status', status: 502, retryAfter: 0, path: '/api/orders' });
		fake.failNext({ kind: 'reset', path: '/api/orders' });
		const result = await run(fake, sendParameters(), [sampleOrder()]);
		expect(result.error).toBeUndefined();
		expect(fake.requests.filter((r) => r.path === '/api/orders').map((r) => r.outcome)).toEqual(['fault:503', 'fault:429', 'fault:502', 'fault:reset', 'ok']);
		expect(fake.orders).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ created: true });
	});

	it('a 500 is not retried and names ASystem\'s code', async () => {
		fake.failNext({ kind: 'status', status: 500, path: '/api/orders' });
		const result = await run(fake, sendParameters(), [sampleOrder()]);
		expect(result.error?.message).toBe('Item 0: ASystem answered 500 INTERNAL_ERROR to POST /api/orders: Fake fault 500');
		expect(fake.requests.filter((r) => r.path === '/api/orders')).toHaveLength(1);
	});
});

import type { IDataObject } from 'n8n-workflow';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { Pixlpark } from '../../nodes/Pixlpark/Pixlpark.node';
import { readOrder } from '../../nodes/shared/order';
import { startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';
import { runNode } from '../helpers/engine';

const credentialTypes = [new PixlparkApi()];

function run(fake: FakePixlpark, parameters: IDataObject, items: IDataObject[] = [{}], continueOnFail = false, credentials = fake.credentials()) {
	return runNode({ node: new Pixlpark(), parameters, items, credentialTypes, credentials: { pixlparkApi: credentials }, continueOnFail });
}

describe('Pixlpark node in the n8n engine', () => {
	let fake: FakePixlpark;
	beforeEach(async () => {
		fake = await startFakePixlpark({ orders: 30 });
	});
	afterEach(async () => fake.close());

	it('gets an order, with one token for all items, and pairs items', async () => {
		const ids = [...fake.orders.keys()].slice(0, 3);
		const result = await run(
			fake,
			{ resource: 'order', operation: 'get', orderId: '={{$json.id}}' },
			ids.map((id) => ({ id })),
		);
		expect(result.error).toBeUndefined();
		expect(result.json.map((o) => o.Id)).toEqual(ids);
		expect(result.json[0].CustomId).toBe(`PP-${ids[0]}`);
		expect(result.json[0].DateCreated).toBe(fake.orders.get(ids[0])!.DateCreated);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(fake.tokensIssued()).toBe(1);
		// The access token was kept in the hidden expirable field, as n8n stores it.
		expect(result.credentialsHelper.updates).toHaveLength(1);
		expect(result.credentialsHelper.updates[0].data.accessToken).toMatch(/^[0-9a-f]{32}$/);
		// Every API call was authorized with oauth_token (the fake drops it from the log).
		const apiCalls = fake.requests.filter((r) => r.path.startsWith('/orders'));
		expect(apiCalls).toHaveLength(3);
		expect(apiCalls.every((r) => r.authorized)).toBe(true);
	});

	it('gets many orders with a status filter, take and skip', async () => {
		const paid = [...fake.orders.values()].filter((o) => o.Status === 'ReadyToProcessing');
		expect(paid.length).toBeGreaterThan(4);
		const result = await run(fake, { resource: 'order', operation: 'getAll', returnAll: false, limit: 3, filters: { status: 'ReadyToProcessing' }, options: { skip: 1 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(3);
		expect(result.json.every((o) => o.Status === 'ReadyToProcessing')).toBe(true);
		const call = fake.requests.find((r) => r.path === '/orders')!;
		expect(call.query).toEqual({ take: '3', skip: '1', status: 'ReadyToProcessing' });
		// Newest first, the first one skipped.
		const expected = paid
			.sort((a, b) => String(b.DateCreated).localeCompare(String(a.DateCreated)) || Number(b.Id) - Number(a.Id))
			.slice(1, 4)
			.map((o) => o.Id);
		expect(result.json.map((o) => o.Id)).toEqual(expected);
	});

	it('gets the items of an order, one output item each', async () => {
		const id = [...fake.orders.keys()][4];
		const result = await run(fake, { resource: 'order', operation: 'getItems', orderId: String(id) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(fake.items.get(id));
		expect(result.outputs[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('sets a status with and without notifying the customer', async () => {
		const [a, b] = [...fake.orders.keys()];
		const result = await run(
			fake,
			{ resource: 'order', operation: 'setStatus', orderId: '={{$json.id}}', status: '={{$json.status}}', notify: '={{$json.notify}}' },
			[
				{ id: a, status: 'Printing', notify: true },
				{ id: b, status: '8', notify: false },
			],
		);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ orderId: String(a), status: 'Printing', changed: true, notified: true, result: 'Success', description: 'Status changed to Printing' },
			{ orderId: String(b), status: 'Shipped', changed: true, notified: false, result: 'Success', description: 'Status changed to Shipped' },
		]);
		expect(fake.statusChanges.map((c) => [c.orderId, c.newStatus, c.sendNotifications])).toEqual([
			[a, 'Printing', true],
			[b, 'Shipped', false],
		]);
		expect(fake.orders.get(a)!.Status).toBe('Printing');

		// The same statuses again: read, found equal, left alone (status sync cannot bounce back).
		const again = await run(fake, { resource: 'order', operation: 'setStatus', orderId: '={{$json.id}}', status: '={{$json.status}}', notify: false }, [
			{ id: a, status: 'Printing' },
			{ id: b, status: 'Shipped' },
		]);
		expect(again.json.map((j) => [j.orderId, j.changed])).toEqual([
			[String(a), false],
			[String(b), false],
		]);
		expect(fake.statusChanges).toHaveLength(2);
	});

	it('rejects an unknown status before calling Pixlpark, naming the item and the field', async () => {
		const id = [...fake.orders.keys()][0];
		const result = await run(fake, { resource: 'order', operation: 'setStatus', orderId: String(id), status: '={{"Teleported"}}', notify: false });
		expect(result.error?.message).toBe('Item 0: field "Status" has an unknown Pixlpark status "Teleported"');
		expect(fake.statusChanges).toHaveLength(0);
	});

	it('adds a comment', async () => {
		const id = [...fake.orders.keys()][2];
		const result = await run(fake, { resource: 'order', operation: 'addComment', orderId: String(id), comment: 'Printed, waiting for the courier', email: 'manager@shop.example' });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ OrderId: id, BodySource: 'Printed, waiting for the courier' });
		expect(fake.comments.get(id)!.map((c) => c.BodySource)).toEqual(['Printed, waiting for the courier']);
		const call = fake.requests.find((r) => r.method === 'POST')!;
		expect(call.form).toEqual({ email: 'manager@shop.example', comment: 'Printed, waiting for the courier' });
	});

	it('gets a customer', async () => {
		const userId = fake.orders.values().next().value!.UserId as number;
		const result = await run(fake, { resource: 'customer', operation: 'get', userId: String(userId) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([fake.users.get(userId)]);
	});

	it('gets the full order as ONE valid Order item', async () => {
		// The first seeded order has a comment; pick a company customer too.
		const first = fake.orders.values().next().value!;
		const companyOrder = [...fake.orders.values()].find((o) => Number(o.UserCompanyAccountId) > 0)!;
		const result = await run(fake, { resource: 'order', operation: 'getFull', orderId: '={{$json.id}}' }, [{ id: first.Id as number }, { id: companyOrder.Id as number }]);
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(2);
		const order = result.json[0];
		const user = fake.users.get(first.UserId as number)!;
		const items = fake.items.get(first.Id as number)!;
		expect(order.id).toBe(String(first.Id));
		expect(order.number).toBe(`PP-${first.Id}`);
		expect(order.title).toBe(first.Title);
		expect(order.createdAt).toBe(new Date(Number(/\d+/.exec(String(first.DateCreated))![0])).toISOString());
		expect(order.status).toBe(first.Status);
		expect(order.paymentStatus).toBe(first.PaymentStatus);
		expect(order.currency).toBe('RUB');
		expect(order.prices).toEqual({ total: first.TotalPrice, discount: first.DiscountPrice, delivery: first.DeliveryPrice, paid: first.PaidPrice });
		expect(order.customer).toEqual({
			type: 'person',
			id: String(user.Id),
			name: `${user.LastName} ${user.FirstName}`,
			firstName: user.FirstName,
			lastName: user.LastName,
			phone: user.Phone,
			email: user.Email,
		});
		expect(order.items).toEqual(
			items.map((it) => ({
				id: String(it.Id),
				name: it.Name,
				sku: [...(it.SkuItems as IDataObject[]).map((s) => ({ name: s.Name, value: s.Value })), { name: 'Gift box', value: 'Yes' }],
				quantity: it.Quantity,
				price: it.ItemPrice,
				total: it.TotalPrice,
			})),
		);
		expect(order.delivery).toEqual({
			method: 'Courier in Moscow',
			type: 'Courier',
			address: `101000, Russia, Moscow, Tverskaya st. ${Number(first.Id) % 50}, Apt. 5, Ring twice`,
			recipient: 'Recipient Name',
			phone: '+79001112233',
			price: 300,
		});
		expect(order.comments).toEqual([{ id: '1', author: 'Customer', date: order.createdAt, text: 'Customer asked for a gift box' }]);
		expect(order.archiveUrl).toBe(first.DownloadLink);
		expect(order.source).toBe('pixlpark');
		const company = result.json[1].customer as IDataObject;
		const companyUser = fake.users.get(companyOrder.UserId as number)!;
		expect(company).toMatchObject({ type: 'company', companyName: (companyUser.CompanyAccount as IDataObject).Name, inn: (companyUser.CompanyAccount as IDataObject).Inn });
		// The shared reader accepts both as they are.
		const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		expect(readOrder(order, node, 0)).toEqual(order);
		expect(readOrder(result.json[1], node, 1)).toEqual(result.json[1]);
	});

	it('renews an expired token mid-run (HTTP 401) without losing an item', async () => {
		const ids = [...fake.orders.keys()].slice(0, 6);
		fake.expireTokensAfter(2);
		const result = await run(fake, { resource: 'order', operation: 'get', orderId: '={{$json.id}}' }, ids.map((id) => ({ id })));
		expect(result.error).toBeUndefined();
		expect(result.json.map((o) => o.Id)).toEqual(ids);
		expect(fake.tokensIssued()).toBe(2);
		const refused = fake.requests.filter((r) => r.path.startsWith('/orders') && !r.authorized);
		expect(refused).toHaveLength(1);
		expect(result.credentialsHelper.updates).toHaveLength(2);
	});

	it('renews a token refused inside an HTTP 200 envelope (Success:false) without losing an item', async () => {
		await fake.close();
		fake = await startFakePixlpark({ orders: 10, expiredTokenAnswer: 'envelope' });
		const ids = [...fake.orders.keys()].slice(0, 5);
		fake.expireTokensAfter(3);
		const result = await run(fake, { resource: 'order', operation: 'getFull', orderId: '={{$json.id}}' }, ids.map((id) => ({ id })));
		expect(result.error).toBeUndefined();
		expect(result.json.map((o) => o.id)).toEqual(ids.map(String));
		expect(result.json.every((o) => Array.isArray(o.items) && (o.items as unknown[]).length > 0)).toBe(true);
		expect(fake.tokensIssued()).toBe(2);
	});

	it('uses a token already stored in the credential without asking for a new one', async () => {
		const first = await run(fake, { resource: 'order', operation: 'get', orderId: String([...fake.orders.keys()][0]) });
		const stored = first.credentialsHelper.updates[0].data;
		const second = await run(fake, { resource: 'order', operation: 'get', orderId: String([...fake.orders.keys()][1]) }, [{}], false, stored as ReturnType<FakePixlpark['credentials']>);
		expect(second.error).toBeUndefined();
		expect(fake.tokensIssued()).toBe(1);
	});

	it('wrong keys give a clear error with no secret in it', async () => {
		const privateKey = 'wrong-private-key-SECRET-4242';
		const result = await run(fake, { resource: 'order', operation: 'get', orderId: '1001' }, [{}], false, { ...fake.credentials(), privateKey });
		expect(result.error).toBeDefined();
		const message = result.error!.message;
		expect(message).toContain('Pixlpark refused the API keys');
		expect(message).toContain('check the Public Key and the Private Key');
		const everything = JSON.stringify({ message, description: result.error!.description, context: result.error!.context, stack: result.error!.stack, json: result.json });
		expect(everything).not.toContain(privateKey);
		expect(everything).not.toMatch(/password=[0-9a-f]{40}/);
	});

	it('wrong keys with Continue on Fail: an error item per input, no secret in the output', async () => {
		const privateKey = 'another-wrong-SECRET-7777';
		const result = await run(fake, { resource: 'order', operation: 'get', orderId: '1001' }, [{}, {}], true, { ...fake.credentials(), privateKey });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(2);
		expect(String(result.json[0].error)).toContain('Pixlpark refused the API keys');
		expect(JSON.stringify(result.outputs)).not.toContain(privateKey);
	});

	it('Continue on Fail: a missing order becomes an error item, the other items go on', async () => {
		const [a, b] = [...fake.orders.keys()];
		const result = await run(fake, { resource: 'order', operation: 'get', orderId: '={{$json.id}}' }, [{ id: a }, { id: 999999 }, { id: b }], true);
		expect(result.error).toBeUndefined();
		expect(result.json[0].Id).toBe(a);
		expect(result.json[1].error).toBe('Item 1: Pixlpark could not get order 999999: not found (Order 999999 not found)');
		expect(result.json[2].Id).toBe(b);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('an empty order ID names the item and the field', async () => {
		const result = await run(fake, { resource: 'order', operation: 'getFull', orderId: '={{$json.id}}' }, [{ id: '' }]);
		expect(result.error?.message).toBe('Item 0: field "Order ID" is empty');
	});
});

describe('Return All over 2,000 orders', () => {
	let fake: FakePixlpark;
	beforeAll(async () => {
		fake = await startFakePixlpark({ orders: 2000, seed: 7 });
	});
	afterAll(async () => fake.close());

	it('pages with the default page size of 100 and emits each order once', async () => {
		const result = await runNode({
			node: new Pixlpark(),
			parameters: { resource: 'order', operation: 'getAll', returnAll: true },
			credentialTypes,
			credentials: { pixlparkApi: fake.credentials() },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(2000);
		expect(new Set(result.json.map((o) => o.Id)).size).toBe(2000);
		const pages = fake.requests.filter((r) => r.path === '/orders');
		expect(pages).toHaveLength(21);
		expect(pages.map((p) => p.query.skip)).toEqual(Array.from({ length: 21 }, (_, i) => String(i * 100)));
		expect(pages.every((p) => p.query.take === '100')).toBe(true);
	});

	it('takes the page size option and survives orders arriving while paging', async () => {
		fake.requests.length = 0;
		let added = 0;
		const before = fake.orders.size;
		// A new order arrives while the second page is asked for: it pushes the list down by one, so the next page repeats one order.
		const original = fake.requests.push.bind(fake.requests);
		fake.requests.push = (...entries) => {
			const count = original(...entries);
			if (entries[0].path === '/orders' && fake.requests.filter((r) => r.path === '/orders').length === 2 && added === 0) {
				added++;
				fake.addOrder();
			}
			return count;
		};
		const result = await runNode({
			node: new Pixlpark(),
			parameters: { resource: 'order', operation: 'getAll', returnAll: true, options: { pageSize: 500 } },
			credentialTypes,
			credentials: { pixlparkApi: fake.credentials() },
		});
		fake.requests.push = original;
		expect(result.error).toBeUndefined();
		const ids = result.json.map((o) => o.Id);
		expect(new Set(ids).size).toBe(ids.length);
		// Every order that existed before is there exactly once.
		expect(ids.length).toBe(before);
		const pages = fake.requests.filter((r) => r.path === '/orders');
		expect(pages.every((p) => p.query.take === '500')).toBe(true);
		expect(pages).toHaveLength(5);
	});
});

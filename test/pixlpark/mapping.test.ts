import { pixlparkToOrder } from '../../nodes/Pixlpark/mapping';
import { readOrder } from '../../nodes/shared/order';
import { startFakePixlpark } from '../fakes/pixlpark';

const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

describe('pixlparkToOrder', () => {
	it('maps a webhook body alone (ISO dates, contact info, company INN, order details)', async () => {
		const fake = await startFakePixlpark({ orders: 6 });
		const companyOrder = [...fake.orders.values()].find((o) => Number(o.UserCompanyAccountId) > 0)!;
		const payload = fake.webhookPayload('placed', companyOrder.Id as number);
		await fake.close();
		const order = pixlparkToOrder({ order: payload as never });
		expect(order.createdAt).toBe(payload.DateCreated);
		expect(order.customer).toEqual({
			type: 'company',
			id: String(companyOrder.UserId),
			name: (payload.UserAdditionalInfo as { Name: string }).Name,
			phone: (payload.UserAdditionalInfo as { Phone: string }).Phone,
			email: (payload.UserAdditionalInfo as { Email: string }).Email,
			companyName: `Company ${companyOrder.UserCompanyAccountId}`,
			inn: payload.UserCompanyAccountINN,
		});
		expect(order.items.map((i) => [i.name, i.quantity, i.price])).toEqual(
			(payload.OrderDetails as Array<{ Title: string; Quantity: number }>).map((d) => [d.Title, d.Quantity, 0]),
		);
		expect(readOrder(order as never, node, 0)).toEqual(order);
	});

	it('reads /Date(ms+offset)/, numeric status codes, missing delivery and odd numbers', () => {
		const order = pixlparkToOrder({
			order: {
				Id: 77,
				Title: 'T',
				Status: 17,
				DateCreated: '/Date(1626974880000+0300)/',
				DateModified: null,
				DeliveryAddress: null,
				Shipping: null,
				DeliveryPrice: 0,
				TotalPrice: '1 200',
				PaidPrice: '99,5',
				UserId: 0,
			},
			items: [{ Id: 1, Name: 'Mug', Quantity: 2, TotalPrice: 500, SkuItems: null, Options: [] }],
		});
		expect(order.createdAt).toBe('2021-07-22T17:28:00.000Z');
		expect(order.updatedAt).toBeUndefined();
		expect(order.status).toBe('Printing');
		expect(order.delivery).toBeUndefined();
		expect(order.prices).toEqual({ total: 1200, discount: 0, delivery: 0, paid: 99.5 });
		expect(order.items).toEqual([{ id: '1', name: 'Mug', sku: [], quantity: 2, price: 250, total: 500 }]);
		expect(order.customer).toEqual({ type: 'person', name: '' });
		expect(readOrder(order as never, node, 0)).toEqual(order);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { seedContact, seedDeal } from '../fakes/bitrix24';
import { companyOrder, personOrder } from '../fixtures/orders';
import type { Portal } from './harness';
import { startPortal } from './harness';

const EXPORT = {
	resource: 'order',
	operation: 'export',
	funnelId: '1',
	statusMap: { mapping: [{ status: 'NotProcessed', stageId: 'C1:NEW' }, { status: 'Printing', stageId: 'C1:EXECUTING' }, { status: 'Delivered', stageId: 'C1:WON' }] },
	orderTypes: 'all',
	newClientsAsLeads: false,
	exportOptions: { sourceId: 'WEB', responsibleId: '7' },
};

const asItems = (orders: object[]) => orders.map((o) => JSON.parse(JSON.stringify(o)) as IDataObject);

describe('Bitrix24 node: Order -> Export', () => {
	let portal: Portal;
	beforeEach(async () => {
		portal = await startPortal();
	});
	afterEach(async () => await portal.fake.close());

	const deals = () => [...portal.fake.db.deals.values()];

	it('creates the deal with every field the guide lists, its contact, rows and timeline', async () => {
		const order = personOrder(1);
		const result = await portal.run(EXPORT, asItems([order]));
		expect(result.error).toBeUndefined();
		const out = result.json[0];
		expect(out).toMatchObject({ orderId: order.id, action: 'created', stageChanged: false, commentsAdded: 2, productRows: 4 });
		const deal = portal.fake.db.deals.get(Number(out.dealId))!;
		expect(deal).toMatchObject({ TITLE: 'Заказ №A-100001 Фотокнига', CATEGORY_ID: '1', STAGE_ID: 'C1:NEW', CURRENCY_ID: 'RUB', SOURCE_ID: 'WEB', SOURCE_DESCRIPTION: 'shop.example.ru', ASSIGNED_BY_ID: '7', ORIGINATOR_ID: 'pixlpark', ORIGIN_ID: order.id });
		expect(Number(deal.OPPORTUNITY)).toBe(3300);
		expect(String(deal.BEGINDATE)).toMatch(/^2026-11-30/);
		expect(deal.COMMENTS).toContain('[URL=https://shop.example.ru/orders/100001]');
		expect(deal.COMMENTS).toContain('Архив заказа: [URL=https://shop.example.ru/archive/100001.zip]');
		expect(deal.COMMENTS).toContain('Доставка: Курьер, Москва, ул. Тверская, 1');
		const contact = portal.fake.db.contacts.get(Number(out.contactId))!;
		expect(Number(deal.CONTACT_ID)).toBe(Number(out.contactId));
		expect(contact).toMatchObject({ NAME: 'Иван', LAST_NAME: 'Иванов1' });
		expect((contact.PHONE as IDataObject[])[0]).toMatchObject({ VALUE: order.customer.phone, VALUE_TYPE: 'MOBILE' });
		expect((contact.EMAIL as IDataObject[])[0]).toMatchObject({ VALUE: order.customer.email, VALUE_TYPE: 'HOME' });
		const rows = portal.fake.db.productRows.get(Number(out.dealId))!;
		expect(rows.map((r) => [r.PRODUCT_NAME, Number(r.PRICE), Number(r.QUANTITY)])).toEqual([
			['Фотокнига А4 (Обложка: Твёрдая)', 2000, 1],
			['Календарь', 400, 2],
			['Открытка', 40, 5],
			['Доставка: Курьер', 300, 1],
		]);
		const timeline = portal.fake.db.timeline.filter((c) => c.ENTITY_TYPE === 'deal' && c.ENTITY_ID === Number(out.dealId));
		expect(timeline.map((c) => c.COMMENT)).toEqual(['Иван, 2026-11-30 09:20:00:\nПожалуйста, побыстрее', 'Менеджер, 2026-11-30 10:00:00:\nМакет принят [b]в работу[/b]']);
	});

	it('re-export updates the same deal: amount, stage only when changed, rows, and only new comments', async () => {
		const order = personOrder(2);
		const first = await portal.run(EXPORT, asItems([order]));
		const dealId = Number(first.json[0].dealId);
		const again = await portal.run(EXPORT, asItems([order]));
		expect(again.json[0]).toMatchObject({ action: 'unchanged', dealId: String(dealId), stageChanged: false, commentsAdded: 0 });
		portal.fake.resetStats();
		await portal.run(EXPORT, asItems([order]));
		// An unchanged order is only read: no update event reaches Bitrix24, so status sync cannot ping-pong.
		expect(Object.keys(portal.fake.stats.byMethod).filter((m) => /\.(add|update|set)$/.test(m))).toEqual([]);
		const changed = { ...order, status: 'Printing', prices: { ...order.prices, total: 4000 }, comments: [...order.comments, { author: 'Иван', date: '2026-12-01T08:00:00.000Z', text: 'Спасибо!' }] };
		const third = await portal.run(EXPORT, asItems([changed]));
		expect(third.json[0]).toMatchObject({ action: 'updated', stageChanged: true, commentsAdded: 1 });
		expect(deals()).toHaveLength(1);
		expect(portal.fake.db.contacts.size).toBe(1);
		const deal = portal.fake.db.deals.get(dealId)!;
		expect(deal.STAGE_ID).toBe('C1:EXECUTING');
		expect(Number(deal.OPPORTUNITY)).toBe(4000);
		expect(portal.fake.db.timeline.filter((c) => c.ENTITY_ID === dealId)).toHaveLength(3);
		expect(portal.fake.db.productRows.get(dealId)).toHaveLength(4);
	});

	it('uses an existing contact found by phone, or the Bitrix24 id on the customer, before creating one', async () => {
		const existing = seedContact(portal.fake.db, { NAME: 'Old', PHONE: [{ VALUE: '+79000000003', VALUE_TYPE: 'WORK' }] });
		const byPhone = personOrder(3, {});
		byPhone.customer.phone = '+7 (900) 000-00-03';
		const byId = personOrder(4);
		byId.customer.bitrix24ContactId = String(existing);
		const result = await portal.run(EXPORT, asItems([byPhone, byId]));
		expect(result.json.map((j) => j.contactId)).toEqual([String(existing), String(existing)]);
		expect(portal.fake.db.contacts.size).toBe(1);
	});

	it('two orders of one new customer in one run share one new contact', async () => {
		const a = personOrder(5);
		const b = { ...personOrder(5), id: '999005', number: 'B-5' };
		const result = await portal.run(EXPORT, asItems([a, b]));
		expect(result.json[0].contactId).toBe(result.json[1].contactId);
		expect(portal.fake.db.contacts.size).toBe(1);
		expect(deals()).toHaveLength(2);
	});

	it('a legal entity becomes a company with the employee as its contact, found again by INN', async () => {
		const order = companyOrder(6);
		const result = await portal.run(EXPORT, asItems([order]));
		expect(result.error).toBeUndefined();
		const out = result.json[0];
		const company = portal.fake.db.companies.get(Number(out.companyId))!;
		expect(company.TITLE).toBe('ООО «Печать 6»');
		const contact = portal.fake.db.contacts.get(Number(out.contactId))!;
		expect(Number(contact.COMPANY_ID)).toBe(Number(out.companyId));
		const deal = portal.fake.db.deals.get(Number(out.dealId))!;
		expect(Number(deal.COMPANY_ID)).toBe(Number(out.companyId));
		expect(Number(deal.CONTACT_ID)).toBe(Number(out.contactId));
		const second = await portal.run(EXPORT, asItems([{ ...companyOrder(6), id: '777006', number: 'C-6' }]));
		expect(second.json[0].companyId).toBe(out.companyId);
		expect(portal.fake.db.companies.size).toBe(1);
	});

	it('filters by type of customer: skipped orders pass through untouched', async () => {
		const result = await portal.run({ ...EXPORT, orderTypes: 'company' }, asItems([personOrder(7), companyOrder(8)]));
		expect(result.json[0]).toMatchObject({ orderId: personOrder(7).id, action: 'skipped' });
		expect(result.json[1]).toMatchObject({ action: 'created' });
		expect(deals()).toHaveLength(1);
		const persons = await portal.run({ ...EXPORT, orderTypes: 'person' }, asItems([companyOrder(9)]));
		expect(persons.json[0].action).toBe('skipped');
	});

	it('new clients as leads: a person becomes one lead with the order; a legal entity two leads', async () => {
		const person = personOrder(10);
		const company = companyOrder(11);
		const result = await portal.run({ ...EXPORT, newClientsAsLeads: true }, asItems([person, company]));
		expect(result.error).toBeUndefined();
		expect(deals()).toHaveLength(0);
		const [p, c] = result.json;
		expect(p).toMatchObject({ action: 'leadCreated' });
		const personLead = portal.fake.db.leads.get(Number(p.leadId))!;
		expect(personLead).toMatchObject({ NAME: 'Иван', ORIGIN_ID: person.id });
		expect(Number(personLead.OPPORTUNITY)).toBe(3300);
		expect(c.companyLeadId).toBeDefined();
		const orgLead = portal.fake.db.leads.get(Number(c.companyLeadId))!;
		expect(orgLead.TITLE).toBe('ООО «Печать 11»');
		const employeeLead = portal.fake.db.leads.get(Number(c.leadId))!;
		expect(employeeLead).toMatchObject({ NAME: 'Пётр', COMPANY_TITLE: 'ООО «Печать 11»' });
		expect(portal.fake.db.leads.size).toBe(3);
		const again = await portal.run({ ...EXPORT, newClientsAsLeads: true }, asItems([person, company]));
		expect(again.json.map((j) => j.action)).toEqual(['leadUpdated', 'leadUpdated']);
		expect(portal.fake.db.leads.size).toBe(3);
	});

	it('handles no phone, no e-mail, no items, 200 items, and bad orders under Continue on Fail', async () => {
		const bare = personOrder(12, { items: [], comments: [], delivery: undefined });
		delete bare.customer.phone;
		delete bare.customer.email;
		const big = personOrder(13, { items: Array.from({ length: 200 }, (_, i) => ({ name: `Фото ${i}`, sku: [], quantity: 1, price: 10, total: 10 })) });
		const bad = { ...personOrder(14), prices: { total: -5 } };
		const noId = { ...personOrder(15), id: '' };
		const result = await portal.run(EXPORT, asItems([bare, big, bad, noId]), { continueOnFail: true });
		expect(result.json[0]).toMatchObject({ action: 'created', productRows: 0 });
		expect(result.json[1]).toMatchObject({ action: 'created', productRows: 201 });
		expect(result.json[2].error).toBe('Item 2: order field "prices.total" must not be negative, got -5');
		expect(result.json[3].error).toBe('Item 3: order field "id" is missing');
		expect(portal.fake.db.productRows.get(Number(result.json[1].dealId))).toHaveLength(201);
		const again = await portal.run(EXPORT, asItems([bare]));
		expect(again.json[0].action).toBe('unchanged');
		expect(portal.fake.db.contacts.size).toBe(2);
	});
});

describe('Bitrix24 node: Order -> Map Deal Stage to Order Status', () => {
	it('maps an exported deal\'s stage back to the order status through the same map, dropping other deals', async () => {
		const portal = await startPortal();
		try {
			const exported = await portal.run(EXPORT, asItems([personOrder(20)]));
			const dealId = String(exported.json[0].dealId);
			portal.fake.db.deals.get(Number(dealId))!.STAGE_ID = 'C1:WON';
			const foreign = seedDeal(portal.fake.db, { TITLE: 'Manual deal', CATEGORY_ID: '1', STAGE_ID: 'C1:WON' });
			const unmapped = await portal.run(EXPORT, asItems([personOrder(21)]));
			portal.fake.db.deals.get(Number(unmapped.json[0].dealId))!.STAGE_ID = 'C1:PREPARATION';
			const result = await portal.run({ ...EXPORT, operation: 'stageToStatus', dealId: '={{ $json.id }}' }, [{ id: dealId }, { id: foreign }, { id: unmapped.json[0].dealId }]);
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([{ orderId: personOrder(20).id, dealId, stageId: 'C1:WON', status: 'Delivered' }]);
			expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		} finally {
			await portal.fake.close();
		}
	});
});

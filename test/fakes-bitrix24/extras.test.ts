import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePhpQuery, seedCompany, seedRequisite, seedContact, seedDeal, seedLead, startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { callJson } from './client';

let fake: FakeBitrix24;
beforeEach(async () => {
	fake = await startFakeBitrix24({ bucket: false });
});
afterEach(async () => {
	await fake.close();
});

describe('deal product rows', () => {
	it('set replaces all rows, get returns them, OPPORTUNITY becomes their sum', async () => {
		const id = seedDeal(fake.db, { TITLE: 'x', OPPORTUNITY: 1 });
		const rows = [
			{ PRODUCT_ID: 0, PRODUCT_NAME: 'Photobook A4', PRICE: 1500.5, QUANTITY: 2, MEASURE_CODE: 796, MEASURE_NAME: 'pcs' },
			{ PRODUCT_NAME: 'Delivery', PRICE: 300, QUANTITY: 1 },
		];
		expect((await callJson(fake, 'crm.deal.productrows.set', { id, rows })).body.result).toBe(true);
		const got = (await callJson(fake, 'crm.deal.productrows.get', { id })).body.result;
		expect(got).toHaveLength(2);
		expect(got[0]).toMatchObject({ OWNER_ID: String(id), OWNER_TYPE: 'D', PRODUCT_NAME: 'Photobook A4', PRICE: 1500.5, QUANTITY: 2, SORT: 10 });
		expect(fake.db.deals.get(id)!.OPPORTUNITY).toBe('3301.00');
		await callJson(fake, 'crm.deal.productrows.set', { id, rows: [rows[1]] });
		expect(fake.db.productRows.get(id)!.map((r) => r.PRODUCT_NAME)).toEqual(['Delivery']);
		const missing = await callJson(fake, 'crm.deal.productrows.set', { id: 999, rows });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({ error: '', error_description: 'Not found' });
	});
});

describe('lead product rows and requisites', () => {
	it('sets lead rows (OWNER_TYPE L) and sums the lead OPPORTUNITY', async () => {
		const id = seedLead(fake.db, { TITLE: 'L' });
		await callJson(fake, 'crm.lead.productrows.set', { id, rows: [{ PRODUCT_NAME: 'Cards', PRICE: 100, QUANTITY: 3 }] });
		expect(fake.db.leadProductRows.get(id)![0]).toMatchObject({ OWNER_TYPE: 'L', PRODUCT_NAME: 'Cards' });
		expect(fake.db.leads.get(id)!.OPPORTUNITY).toBe('300.00');
		expect((await callJson(fake, 'crm.lead.productrows.get', { id })).body.result).toHaveLength(1);
	});

	it('adds a requisite to an existing company, finds it by RQ_INN, drops it with the company', async () => {
		const co = seedCompany(fake.db, { TITLE: 'Print LLC' });
		const add = await callJson(fake, 'crm.requisite.add', {
			fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: co, PRESET_ID: 1, NAME: 'Print LLC', RQ_INN: '7701234567' },
		});
		expect(add.body.result).toBe(1);
		const found = await callJson(fake, 'crm.requisite.list', { filter: { RQ_INN: '7701234567', ENTITY_TYPE_ID: 4 }, select: ['ENTITY_ID'] });
		expect(found.body.result).toEqual([{ ID: '1', ENTITY_ID: String(co) }]);
		const orphan = await callJson(fake, 'crm.requisite.add', { fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: 999, PRESET_ID: 1, NAME: 'x' } });
		expect(orphan.status).toBe(400);
		expect(orphan.body.error).toBe('');
		seedRequisite(fake.db, { ENTITY_TYPE_ID: 4, ENTITY_ID: co, PRESET_ID: 1, NAME: 'Second' });
		await callJson(fake, 'crm.company.delete', { id: co });
		expect(fake.db.requisites.size).toBe(0);
	});
});

describe('crm.duplicate.findbycomm', () => {
	it('finds by phone digits and e-mail case-insensitively, [] when nothing, <= 20 values', async () => {
		const c1 = seedContact(fake.db, { NAME: 'A', PHONE: [{ VALUE: '+7 (900) 111-22-33' }], EMAIL: [{ VALUE: 'Anna@Mail.ru' }] });
		const co = seedCompany(fake.db, { TITLE: 'Firm', PHONE: [{ VALUE: '79001112233' }] });
		const l = seedLead(fake.db, { TITLE: 'L', EMAIL: [{ VALUE: 'anna@mail.ru' }] });
		const phone = await callJson(fake, 'crm.duplicate.findbycomm', { type: 'PHONE', values: ['+79001112233'] });
		expect(phone.body.result).toEqual({ CONTACT: [c1], COMPANY: [co] });
		const onlyContacts = await callJson(fake, 'crm.duplicate.findbycomm', { type: 'PHONE', values: ['79001112233'], entity_type: 'CONTACT' });
		expect(onlyContacts.body.result).toEqual({ CONTACT: [c1] });
		const mail = await callJson(fake, 'crm.duplicate.findbycomm', { type: 'EMAIL', values: ['ANNA@mail.ru'] });
		expect(mail.body.result).toEqual({ LEAD: [l], CONTACT: [c1] });
		const none = await callJson(fake, 'crm.duplicate.findbycomm', { type: 'EMAIL', values: ['x@y.z'] });
		expect(none.body.result).toEqual([]);
		const many = await callJson(fake, 'crm.duplicate.findbycomm', { type: 'EMAIL', values: Array.from({ length: 21 }, (_, i) => `${i}@x.ru`) });
		expect(many.status).toBe(400);
	});
});

describe('timeline comments', () => {
	it('adds to an existing entity (lower-case fields) and lists by entity', async () => {
		const d = seedDeal(fake.db, { TITLE: 'x' });
		const add = await callJson(fake, 'crm.timeline.comment.add', { fields: { ENTITY_ID: d, ENTITY_TYPE: 'deal', COMMENT: 'Paid [b]online[/b]' } });
		expect(add.body.result).toBe(1);
		await callJson(fake, 'crm.timeline.comment.add', { fields: { ENTITY_ID: d, ENTITY_TYPE: 'deal', COMMENT: 'Second' } });
		const list = await callJson(fake, 'crm.timeline.comment.list', { filter: { ENTITY_ID: d, ENTITY_TYPE: 'deal' } });
		expect(list.body.total).toBe(2);
		expect(list.body.result[0]).toMatchObject({ ID: '1', ENTITY_ID: String(d), ENTITY_TYPE: 'deal', COMMENT: 'Paid [b]online[/b]', AUTHOR_ID: '1' });
		expect(list.body.result[0].CREATED).toMatch(/\+03:00$/);
		const bad = await callJson(fake, 'crm.timeline.comment.add', { fields: { ENTITY_ID: 999, ENTITY_TYPE: 'deal', COMMENT: 'x' } });
		expect(bad.status).toBe(400);
		expect(fake.db.timeline).toHaveLength(2);
	});
});

describe('reference data', () => {
	it('lists funnels, stages of a funnel, sources, users, currencies', async () => {
		const cats = await callJson(fake, 'crm.category.list', { entityTypeId: 2 });
		expect(cats.body.result.categories).toEqual([
			{ id: 0, name: 'General', sort: 100, entityTypeId: 2, isDefault: 'Y' },
			{ id: 1, name: 'Print orders', sort: 200, entityTypeId: 2, isDefault: 'N' },
		]);
		const st = await callJson(fake, 'crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_1' } });
		expect(st.body.result.map((s: { STATUS_ID: string }) => s.STATUS_ID)).toEqual(['C1:NEW', 'C1:PREPARATION', 'C1:EXECUTING', 'C1:WON', 'C1:LOSE']);
		expect(st.body.result[3]).toMatchObject({ SEMANTICS: 'S', CATEGORY_ID: '1', SORT: '40' });
		const src = await callJson(fake, 'crm.status.list', { filter: { ENTITY_ID: 'SOURCE' } });
		expect(src.body.result[0]).toMatchObject({ STATUS_ID: 'WEB', NAME: 'Website' });
		fake.db.users.push({ ID: '9', NAME: 'Old', LAST_NAME: 'User', ACTIVE: false });
		const users = await callJson(fake, 'user.get', { FILTER: { ACTIVE: true } });
		expect(users.body.result.map((u: { ID: string }) => u.ID)).toEqual(['1', '7']);
		expect(users.body.total).toBe(2);
		const cur = await callJson(fake, 'crm.currency.list');
		expect(cur.body.result.map((c: { CURRENCY: string }) => c.CURRENCY)).toEqual(['RUB', 'USD', 'EUR']);
	});

	it('describes fields', async () => {
		const f = await callJson(fake, 'crm.deal.fields');
		expect(f.body.result.STAGE_ID).toMatchObject({ type: 'crm_status', statusType: 'DEAL_STAGE' });
		expect(f.body.result.ID.isReadOnly).toBe(true);
	});
});

describe('crm.item', () => {
	it('gets and lists with camelCase names and typed values', async () => {
		const id = seedDeal(fake.db, { TITLE: 'Item', OPPORTUNITY: 10, CATEGORY_ID: 1 });
		const g = await callJson(fake, 'crm.item.get', { entityTypeId: 2, id });
		expect(g.body.result.item).toMatchObject({ id, title: 'Item', opportunity: 10, categoryId: 1, stageId: 'C1:NEW' });
		const l = await callJson(fake, 'crm.item.list', { entityTypeId: 2, filter: { '>id': 0, categoryId: 1 }, select: ['id', 'title'] });
		expect(l.body.result.items).toEqual([{ id, title: 'Item' }]);
		expect(l.body.total).toBe(1);
		expect((await callJson(fake, 'crm.item.get', { entityTypeId: 2, id: 99 })).body.error).toBe('NOT_FOUND');
	});
});

describe('outgoing webhooks', () => {
	it('sends bracket-form events with the application token after REST writes, and by hand', async () => {
		const got: Array<Record<string, unknown>> = [];
		const handler = http.createServer((req, res) => {
			let b = '';
			req.on('data', (c: Buffer) => (b += c.toString()));
			req.on('end', () => {
				got.push(parsePhpQuery(b));
				res.end('ok');
			});
		});
		await new Promise<void>((r) => handler.listen(0, '127.0.0.1', () => r()));
		const url = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/hook`;
		try {
			fake.addOutgoingWebhook(url, ['ONCRMDEALUPDATE']);
			const id = seedDeal(fake.db, { TITLE: 'x' });
			await callJson(fake, 'crm.deal.update', { id, fields: { STAGE_ID: 'WON' } });
			await callJson(fake, 'crm.contact.add', { fields: { NAME: 'not subscribed' } });
			await fake.flushEvents();
			expect(got).toHaveLength(1);
			expect(got[0]).toMatchObject({
				event: 'ONCRMDEALUPDATE',
				data: { FIELDS: { ID: String(id) } },
				auth: { application_token: 'fakeAppToken0123456789', domain: new URL(fake.url).host },
			});
			const d = await fake.sendEvent(url, 'ONCRMDEALDELETE', 5, { applicationToken: 'forged' });
			expect(d.status).toBe(200);
			expect(got[1]).toMatchObject({ event: 'ONCRMDEALDELETE', auth: { application_token: 'forged' } });
			expect(fake.events.map((e) => e.event)).toEqual(['ONCRMDEALUPDATE', 'ONCRMDEALDELETE']);
		} finally {
			await new Promise<void>((r) => handler.close(() => r()));
		}
	});
});

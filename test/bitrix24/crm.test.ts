import { seedContact, seedDeal } from '../fakes/bitrix24';
import type { Portal } from './harness';
import { startPortal, visibleText } from './harness';

describe('Bitrix24 node: CRM records in n8n\'s engine against the fake portal', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await startPortal();
	});
	afterAll(async () => await portal.fake.close());
	beforeEach(() => portal.fake.resetStats());

	it('creates deals for 200 items in at most 4 requests, with phones typed MOBILE and e-mails HOME on contacts', async () => {
		const items = Array.from({ length: 200 }, (_, i) => ({ n: i }));
		const result = await portal.run({ resource: 'deal', operation: 'create', fields: { title: '={{ "Order " + $json.n }}', opportunity: 100, currencyId: 'RUB' } }, items);
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(200);
		expect(portal.fake.stats.requests).toBeLessThanOrEqual(4);
		const ids = result.json.map((j) => Number(j.id));
		expect(new Set(ids).size).toBe(200);
		expect(portal.fake.db.deals.get(ids[7])?.TITLE).toBe('Order 7');
		expect(result.outputs[0][7].pairedItem).toEqual({ item: 7 });

		const contact = await portal.run({ resource: 'contact', operation: 'create', fields: { name: 'Анна', lastName: 'Иванова', phone: '+7 900 111-22-33', email: 'anna@example.ru' } });
		const stored = portal.fake.db.contacts.get(Number(contact.json[0].id))!;
		expect(stored.NAME).toBe('Анна');
		expect((stored.PHONE as Array<{ VALUE_TYPE: string; VALUE: string }>)[0]).toMatchObject({ VALUE: '+7 900 111-22-33', VALUE_TYPE: 'MOBILE' });
		expect((stored.EMAIL as Array<{ VALUE_TYPE: string }>)[0].VALUE_TYPE).toBe('HOME');
	});

	it('gets, updates and deletes; get returns Bitrix24 strings, simplified', async () => {
		const id = seedDeal(portal.fake.db, { TITLE: 'Seeded', OPPORTUNITY: 1000 });
		const got = await portal.run({ resource: 'deal', operation: 'get', id: String(id), simplify: true });
		expect(got.json[0]).toMatchObject({ ID: String(id), TITLE: 'Seeded', OPPORTUNITY: '1000.00' });
		const raw = await portal.run({ resource: 'deal', operation: 'get', id: String(id), simplify: false });
		expect(Object.values(raw.json[0])).toContain(null);
		const updated = await portal.run({ resource: 'deal', operation: 'update', id: String(id), fields: { title: 'Renamed' } });
		expect(updated.json[0]).toEqual({ id, updated: true });
		expect(portal.fake.db.deals.get(id)?.TITLE).toBe('Renamed');
		const deleted = await portal.run({ resource: 'deal', operation: 'delete', id: String(id) });
		expect(deleted.json[0]).toEqual({ id, deleted: true });
		expect(portal.fake.db.deals.has(id)).toBe(false);
	});

	it('reports a missing record with the portal and method, and goes on under Continue on Fail', async () => {
		const id = seedDeal(portal.fake.db, { TITLE: 'Present' });
		const result = await portal.run({ resource: 'deal', operation: 'get', id: '={{ $json.id }}' }, [{ id: 999999 }, { id }, { id: 'abc' }], { continueOnFail: true });
		expect(result.json).toHaveLength(3);
		expect(String(result.json[0].error)).toMatch(/crm\.deal\.get.*Not found/);
		expect(result.json[1].TITLE).toBe('Present');
		expect(String(result.json[2].error)).toBe('Item 2: field "Deal ID" must be a positive whole number, got "abc"');
		expect(visibleText(result)).not.toContain(portal.fake.credentials.webhookSecret);
	});

	it('reads 10,000 deals in at most 5 requests, each once', async () => {
		const local = await startPortal();
		try {
			for (let i = 0; i < 10_000; i++) seedDeal(local.fake.db, { TITLE: `D${i}` });
			local.fake.resetStats();
			const result = await local.run({ resource: 'deal', operation: 'getAll', returnAll: true, options: { select: 'ID, TITLE' }, simplify: true });
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(10_000);
			expect(new Set(result.json.map((d) => d.ID)).size).toBe(10_000);
			expect(local.fake.stats.requests).toBeLessThanOrEqual(5);
			const limited = await local.run({ resource: 'deal', operation: 'getAll', returnAll: false, limit: 120, options: { filter: '{">ID": 100}' } });
			expect(limited.json).toHaveLength(120);
			expect(limited.json[0].ID).toBe('101');
			const ordered = await local.run({ resource: 'deal', operation: 'getAll', returnAll: false, limit: 75, options: { order: '{"ID": "DESC"}' } });
			expect(ordered.json[0].ID).toBe('10000');
			expect(ordered.json).toHaveLength(75);
		} finally {
			await local.fake.close();
		}
	});

	it('finds contacts by phone in any notation and by e-mail', async () => {
		const id = seedContact(portal.fake.db, { NAME: 'Пётр', PHONE: [{ VALUE: '+7 (912) 000-11-22', VALUE_TYPE: 'MOBILE' }], EMAIL: [{ VALUE: 'petr@example.ru', VALUE_TYPE: 'HOME' }] });
		const byPhone = await portal.run({ resource: 'contact', operation: 'find', searchBy: 'PHONE', values: '79120001122' });
		expect(byPhone.json.map((c) => c.ID)).toEqual([String(id)]);
		expect(byPhone.json[0].PHONE).toEqual(['+7 (912) 000-11-22']);
		const byEmail = await portal.run({ resource: 'contact', operation: 'find', searchBy: 'EMAIL', values: 'PETR@example.ru' });
		expect(byEmail.json.map((c) => c.ID)).toEqual([String(id)]);
		const none = await portal.run({ resource: 'contact', operation: 'find', searchBy: 'EMAIL', values: 'nobody@example.ru' });
		expect(none.json).toEqual([]);
	});
});

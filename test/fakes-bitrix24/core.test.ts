import { seedContact, seedDeal, startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { base, callForm, callJson } from './client';

let fake: FakeBitrix24;
beforeEach(async () => {
	fake = await startFakeBitrix24({ bucket: false });
});
afterEach(async () => {
	await fake.close();
});

describe('transport and envelopes', () => {
	it('answers 401 NO_AUTH_FOUND for a wrong code or user, and executes nothing', async () => {
		for (const path of ['/rest/1/wrongSecret/crm.deal.add.json', '/rest/2/fakeWebhookSecret0123456789/crm.deal.add.json']) {
			const r = await fetch(`${fake.url}${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ fields: { TITLE: 'x' } }),
			});
			expect(r.status).toBe(401);
			expect((await r.json()) as unknown).toEqual({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' });
		}
		expect(fake.db.deals.size).toBe(0);
	});

	it('answers 404 ERROR_METHOD_NOT_FOUND for an unknown method and 404 for other paths', async () => {
		const r = await callJson(fake, 'crm.nothing.here');
		expect(r.status).toBe(404);
		expect(r.body.error).toBe('ERROR_METHOD_NOT_FOUND');
		const other = await fetch(`${fake.url}/index.php`);
		expect(other.status).toBe(404);
	});

	it('answers 403 insufficient_scope for a crm method when the webhook lacks crm', async () => {
		const noCrm = await startFakeBitrix24({ scopes: ['user'] });
		try {
			const r = await callJson(noCrm, 'crm.deal.list');
			expect(r.status).toBe(403);
			expect(r.body.error).toBe('insufficient_scope');
			expect((await callJson(noCrm, 'user.get')).status).toBe(200);
		} finally {
			await noCrm.close();
		}
	});

	it('answers 400 INVALID_REQUEST for malformed JSON', async () => {
		const r = await fetch(`${base(fake)}/crm.deal.add.json`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{"fields": {',
		});
		expect(r.status).toBe(400);
		expect(((await r.json()) as { error: string }).error).toBe('INVALID_REQUEST');
	});

	it('accepts PHP bracket form bodies, with the body winning over the query string', async () => {
		const r = await callForm(
			fake,
			'crm.contact.add',
			'fields[NAME]=Anna&fields[PHONE][0][VALUE]=%2B7%20900%20000-00-01&fields[PHONE][0][VALUE_TYPE]=MOBILE&fields[EMAIL][0][VALUE]=a%40b.ru',
			'fields[NAME]=FromQuery&fields[LAST_NAME]=Q',
		);
		expect(r.status).toBe(200);
		expect(r.body.result).toBe(1);
		const c = fake.db.contacts.get(1)!;
		expect(c.NAME).toBe('Anna');
		expect(c.LAST_NAME).toBeNull(); // the body's `fields` replaced the query's
		expect(c.PHONE).toEqual([{ ID: '1', VALUE_TYPE: 'MOBILE', VALUE: '+7 900 000-00-01', TYPE_ID: 'PHONE' }]);
		expect(c.EMAIL).toEqual([{ ID: '2', VALUE_TYPE: 'WORK', VALUE: 'a@b.ru', TYPE_ID: 'EMAIL' }]);
		expect(c.HAS_PHONE).toBe('Y');
	});

	it('serves GET with bracket query parameters and no .json suffix, also with latency', async () => {
		const slow = await startFakeBitrix24({ latencyMs: 10 });
		try {
			seedDeal(slow.db, { TITLE: 'Q' });
			const r = await fetch(`${base(slow)}/crm.deal.list?select[]=ID&select[]=TITLE&filter[%3EID]=0`);
			expect(r.status).toBe(200);
			expect(((await r.json()) as { result: unknown }).result).toEqual([{ ID: '1', TITLE: 'Q' }]);
		} finally {
			await slow.close();
		}
	});

	it('carries the success envelope with time', async () => {
		const r = await callJson(fake, 'profile');
		expect(r.status).toBe(200);
		expect(r.body.result.ID).toBe('1');
		for (const k of ['start', 'finish', 'duration', 'processing', 'date_start', 'date_finish', 'operating', 'operating_reset_at']) {
			expect(r.body.time).toHaveProperty(k);
		}
		expect(r.body.time.date_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
	});
});

describe('CRM records', () => {
	it('returns every value of get as a string, null when unset', async () => {
		const add = await callJson(fake, 'crm.deal.add', {
			fields: { TITLE: 'Order 1', OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ORIGINATOR_ID: 'pixlpark', ORIGIN_ID: 'A-1', BEGINDATE: '2024-08-30' },
		});
		expect(add.body.result).toBe(1);
		const r = await callJson(fake, 'crm.deal.get', { id: 1 });
		expect(r.body.result).toMatchObject({
			ID: '1',
			TITLE: 'Order 1',
			OPPORTUNITY: '1000.00',
			CATEGORY_ID: '0',
			STAGE_ID: 'NEW',
			CLOSED: 'N',
			ASSIGNED_BY_ID: '1',
			ORIGINATOR_ID: 'pixlpark',
			ORIGIN_ID: 'A-1',
			BEGINDATE: '2024-08-30T00:00:00+03:00',
			COMPANY_ID: null,
			COMMENTS: null,
		});
		for (const v of Object.values(r.body.result)) expect(v === null || typeof v === 'string').toBe(true);
	});

	it('answers 400 with an EMPTY error for a missing or invalid id', async () => {
		for (const m of ['crm.deal.get', 'crm.deal.update', 'crm.deal.delete', 'crm.contact.get']) {
			const r = await callJson(fake, m, { id: 999, fields: { TITLE: 'x' } });
			expect(r.status).toBe(400);
			expect(r.body).toEqual({ error: '', error_description: 'Not found' });
		}
		const bad = await callJson(fake, 'crm.deal.get', { id: 'abc' });
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({ error: '', error_description: 'ID is not defined or invalid.' });
		expect((await callJson(fake, 'crm.deal.get', {})).body.error_description).toBe('ID is not defined or invalid.');
	});

	it('rejects an unknown funnel, falls back to the first stage, ignores CATEGORY_ID on update', async () => {
		const bad = await callJson(fake, 'crm.deal.add', { fields: { TITLE: 'x', CATEGORY_ID: 7 } });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toBe('');
		expect(bad.body.error_description).toMatch(/Category/);
		expect(fake.db.deals.size).toBe(0);
		const id = (await callJson(fake, 'crm.deal.add', { fields: { TITLE: 'x', CATEGORY_ID: 1, STAGE_ID: 'WON' } })).body.result;
		expect(fake.db.deals.get(id)).toMatchObject({ CATEGORY_ID: '1', STAGE_ID: 'C1:NEW' });
		await callJson(fake, 'crm.deal.update', { id, fields: { CATEGORY_ID: 0, STAGE_ID: 'C1:WON', TITLE: 'y' } });
		expect(fake.db.deals.get(id)).toMatchObject({ CATEGORY_ID: '1', STAGE_ID: 'C1:WON', CLOSED: 'Y', STAGE_SEMANTIC_ID: 'S', TITLE: 'y' });
		await callJson(fake, 'crm.deal.update', { id, fields: { STAGE_ID: 'EXECUTING' } }); // stage of funnel 0: ignored
		expect(fake.db.deals.get(id)).toMatchObject({ STAGE_ID: 'C1:WON' });
	});

	it('edits a multifield item with ID, appends one without, deletes one with an empty VALUE', async () => {
		const id = seedContact(fake.db, { NAME: 'A', PHONE: [{ VALUE: '111', VALUE_TYPE: 'WORK' }, { VALUE: '222' }] });
		const [p1, p2] = fake.db.contacts.get(id)!.PHONE as Array<{ ID: string }>;
		const r = await callJson(fake, 'crm.contact.update', {
			id,
			fields: { PHONE: [{ ID: p1.ID, VALUE: '333', VALUE_TYPE: 'MOBILE' }, { ID: p2.ID, VALUE: '' }, { VALUE: '444', VALUE_TYPE: 'HOME' }] },
		});
		expect(r.body.result).toBe(true);
		expect(fake.db.contacts.get(id)!.PHONE).toEqual([
			{ ID: p1.ID, VALUE_TYPE: 'MOBILE', VALUE: '333', TYPE_ID: 'PHONE' },
			{ ID: expect.any(String), VALUE_TYPE: 'HOME', VALUE: '444', TYPE_ID: 'PHONE' },
		]);
	});

	it('deletes a record', async () => {
		const id = seedDeal(fake.db, { TITLE: 'x' });
		expect((await callJson(fake, 'crm.deal.delete', { id })).body.result).toBe(true);
		expect(fake.db.deals.has(id)).toBe(false);
	});
});

describe('crm.*.list', () => {
	beforeEach(() => {
		for (let i = 1; i <= 120; i++) seedDeal(fake.db, { TITLE: `Deal ${i}`, OPPORTUNITY: i * 10, ORIGIN_ID: `O-${i}` });
	});

	it('pages by 50 with total and next, next only while rows remain', async () => {
		const p1 = await callJson(fake, 'crm.deal.list', { order: { ID: 'ASC' } });
		expect(p1.body.result).toHaveLength(50);
		expect(p1.body.total).toBe(120);
		expect(p1.body.next).toBe(50);
		const p3 = await callJson(fake, 'crm.deal.list', { order: { ID: 'ASC' }, start: 100 });
		expect(p3.body.result).toHaveLength(20);
		expect(p3.body.result[0].ID).toBe('101');
		expect(p3.body.total).toBe(120);
		expect(p3.body).not.toHaveProperty('next');
	});

	it('start=-1 gives no total and no next; >ID keyset works', async () => {
		const r = await callJson(fake, 'crm.deal.list', { order: { ID: 'ASC' }, filter: { '>ID': 100 }, start: -1, select: ['ID', 'TITLE'] });
		expect(r.body).not.toHaveProperty('total');
		expect(r.body).not.toHaveProperty('next');
		expect(r.body.result.map((x: { ID: string }) => x.ID)).toEqual(Array.from({ length: 20 }, (_, i) => String(101 + i)));
		expect(r.body.result[0]).toEqual({ ID: '101', TITLE: 'Deal 101' });
	});

	it('understands filter operators, order and select', async () => {
		const q = async (filter: object, extra: object = {}) =>
			(await callJson(fake, 'crm.deal.list', { filter, select: ['ID'], ...extra })).body.result.map((x: { ID: string }) => Number(x.ID));
		expect(await q({ '>=OPPORTUNITY': 1190 })).toEqual([119, 120]);
		expect(await q({ '<ID': 3 })).toEqual([1, 2]);
		expect(await q({ '<=ID': 2, '!ID': 1 })).toEqual([2]);
		expect(await q({ '@ID': [5, 7, 500] })).toEqual([5, 7]);
		expect(await q({ ORIGIN_ID: 'O-77' })).toEqual([77]);
		expect(await q({ '=ORIGIN_ID': 'o-77' })).toEqual([77]);
		expect(await q({ '%TITLE': 'deal 11' })).toEqual([11, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119]);
		expect(await q({ '>ID': 117 }, { order: { ID: 'DESC' } })).toEqual([120, 119, 118]);
	});

	it('filters contacts by PHONE and EMAIL exactly and returns them when selected', async () => {
		seedContact(fake.db, { NAME: 'A', PHONE: [{ VALUE: '+79001112233' }], EMAIL: [{ VALUE: 'Anna@Example.ru' }] });
		seedContact(fake.db, { NAME: 'B', PHONE: [{ VALUE: '+79001112234' }] });
		const byPhone = await callJson(fake, 'crm.contact.list', { filter: { PHONE: '+79001112233' }, select: ['ID', 'NAME', 'PHONE'] });
		expect(byPhone.body.result).toEqual([
			{ ID: '1', NAME: 'A', PHONE: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '+79001112233', TYPE_ID: 'PHONE' }] },
		]);
		const partial = await callJson(fake, 'crm.contact.list', { filter: { PHONE: '9001112233' } });
		expect(partial.body.result).toEqual([]);
		const byMail = await callJson(fake, 'crm.contact.list', { filter: { EMAIL: 'anna@example.ru' } });
		expect(byMail.body.result.map((x: { ID: string }) => x.ID)).toEqual(['1']);
		expect(byMail.body.result[0]).not.toHaveProperty('EMAIL');
	});
});

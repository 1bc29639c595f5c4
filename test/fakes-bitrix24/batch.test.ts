import { buildPhpQuery, seedDeals, startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { callForm, callJson } from './client';

let fake: FakeBitrix24;
beforeEach(async () => {
	fake = await startFakeBitrix24({ bucket: false });
});
afterEach(async () => {
	await fake.close();
});

const q = (method: string, params: Record<string, unknown>) => `${method}?${buildPhpQuery(params)}`;

describe('batch', () => {
	it('substitutes $result whole-value (raw) and inside strings, one HTTP request', async () => {
		const r = await callJson(fake, 'batch', {
			halt: 0,
			cmd: {
				contact: q('crm.contact.add', { fields: { NAME: 'Anna', PHONE: [{ VALUE: '+79001112233', VALUE_TYPE: 'MOBILE' }] } }),
				deal: q('crm.deal.add', { fields: { TITLE: 'Order A-1', CONTACT_ID: '$result[contact]', ORIGIN_ID: 'A-1' } }),
				get: q('crm.deal.get', { id: '$result[deal]' }),
				comment: q('crm.timeline.comment.add', {
					fields: { ENTITY_TYPE: 'deal', ENTITY_ID: '$result[deal]', COMMENT: 'Deal $result[get][TITLE] for contact #$result[contact]' },
				}),
				list: q('crm.deal.list', { filter: { ID: '$result[deal]' } }),
			},
		});
		expect(r.status).toBe(200);
		expect(fake.stats.requests).toBe(1);
		expect(fake.stats.commands).toBe(5);
		const res = r.body.result;
		expect(res.result.contact).toBe(1);
		expect(res.result.deal).toBe(1);
		expect(res.result.get).toMatchObject({ ID: '1', CONTACT_ID: '1', TITLE: 'Order A-1' });
		expect(fake.db.timeline).toEqual([expect.objectContaining({ ENTITY_ID: 1, ENTITY_TYPE: 'deal', COMMENT: 'Deal Order A-1 for contact #1' })]);
		expect(res.result_error).toEqual([]);
		expect(res.result_next).toEqual([]);
		expect(res.result_total).toEqual({ list: 1 });
		expect(Object.keys(res.result_time)).toEqual(['contact', 'deal', 'get', 'comment', 'list']);
		expect(r.body.time).toHaveProperty('operating_reset_at');
	});

	it('passes arrays whole: filter[@ID]=$result[k] with a list result', async () => {
		seedDeals(fake.db, 5);
		const r = await callJson(fake, 'batch', {
			cmd: {
				ids: q('crm.deal.list', { filter: { '<ID': 4 }, select: ['ID'] }),
				again: q('crm.deal.list', { filter: { '>ID': '$result[ids][2][ID]' }, select: ['ID'] }),
			},
		});
		expect(r.body.result.result.again).toEqual([{ ID: '4' }, { ID: '5' }]);
	});

	it('chains keyset pages by $result[page][49][ID]; an unresolved reference becomes an empty string', async () => {
		seedDeals(fake.db, 120);
		const page = (after: string) => q('crm.deal.list', { order: { ID: 'ASC' }, filter: { '>ID': after }, select: ['ID'], start: -1 });
		const r = await callJson(fake, 'batch', {
			cmd: { p0: page('0'), p1: page('$result[p0][49][ID]'), p2: page('$result[p1][49][ID]'), p3: page('$result[p2][49][ID]') },
		});
		const res = r.body.result.result;
		expect(res.p0[0].ID).toBe('1');
		expect(res.p1[0].ID).toBe('51');
		expect(res.p2.map((x: { ID: string }) => x.ID)).toEqual(Array.from({ length: 20 }, (_, i) => String(101 + i)));
		// p2 had 20 rows: `$result[p2][49][ID]` does not exist -> '' -> `>ID` = '' matches from the start.
		expect(res.p3[0].ID).toBe('1');
		expect(r.body.result.result_total).toEqual([]);
	});

	it('keeps going with halt=0, stops at the first failure with halt=1, always HTTP 200', async () => {
		const cmd = {
			a: q('crm.deal.add', { fields: { TITLE: 'A' } }),
			bad: q('crm.deal.get', { id: 999 }),
			ref: q('crm.deal.get', { id: '$result[bad][ID]' }),
			c: q('crm.deal.add', { fields: { TITLE: 'C' } }),
		};
		const r0 = await callJson(fake, 'batch', { halt: 0, cmd });
		expect(r0.status).toBe(200);
		expect(r0.body.result.result).toEqual({ a: 1, c: 2 });
		expect(r0.body.result.result_error).toEqual({
			bad: { error: '', error_description: 'Not found' },
			ref: { error: '', error_description: 'ID is not defined or invalid.' },
		});
		const r1 = await callJson(fake, 'batch', { halt: 1, cmd });
		expect(r1.status).toBe(200);
		expect(r1.body.result.result).toEqual({ a: 3 });
		expect(Object.keys(r1.body.result.result_error)).toEqual(['bad']);
		expect(fake.db.deals.size).toBe(3);
	});

	it('refuses 51 commands with 400 ERROR_BATCH_LENGTH_EXCEEDED and runs none', async () => {
		const cmd = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, q('crm.deal.add', { fields: { TITLE: `D${i}` } })]));
		const r = await callJson(fake, 'batch', { halt: 0, cmd });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' });
		expect(fake.db.deals.size).toBe(0);
		const fifty = Object.fromEntries(Object.entries(cmd).slice(0, 50));
		expect((await callJson(fake, 'batch', { halt: 0, cmd: fifty })).status).toBe(200);
		expect(fake.db.deals.size).toBe(50);
	});

	it('refuses batch inside batch and unknown methods per command', async () => {
		const r = await callJson(fake, 'batch', { cmd: { inner: 'batch?cmd[x]=profile', nope: 'crm.nope.get?id=1', ok: 'profile' } });
		expect(r.status).toBe(200);
		expect(r.body.result.result_error.inner.error).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED');
		expect(r.body.result.result_error.nope.error).toBe('ERROR_METHOD_NOT_FOUND');
		expect(r.body.result.result.ok.ID).toBe('1');
	});

	it('accepts cmd as an array (sections become arrays) and a form-encoded batch', async () => {
		const r = await callJson(fake, 'batch', { cmd: ['crm.deal.add?fields[TITLE]=A', 'crm.deal.get?id=$result[0]'] });
		expect(r.body.result.result[0]).toBe(1);
		expect(r.body.result.result[1].TITLE).toBe('A');
		const form = buildPhpQuery({ halt: 0, cmd: { x: 'crm.deal.add?fields[TITLE]=B', y: 'crm.deal.get?id=$result[x]' } });
		const f = await callForm(fake, 'batch', form);
		expect(f.body.result.result.y.TITLE).toBe('B');
	});
});

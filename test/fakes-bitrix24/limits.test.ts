import { startFakeBitrix24, type FakeBitrix24 } from '../fakes/bitrix24';
import { callJson, rawCall } from './client';

const fakes: FakeBitrix24[] = [];
async function start(opts: Parameters<typeof startFakeBitrix24>[0]): Promise<FakeBitrix24> {
	const f = await startFakeBitrix24(opts);
	fakes.push(f);
	return f;
}
afterEach(async () => {
	await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('leaky bucket', () => {
	it('refuses request capacity+1 of a burst with 503 QUERY_LIMIT_EXCEEDED, a batch costing one slot', async () => {
		const fake = await start({ bucket: { capacity: 5, drainPerSecond: 0.0001 } });
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			statuses.push((await callJson(fake, i === 0 ? 'batch' : 'profile', i === 0 ? { cmd: { a: 'profile', b: 'profile', c: 'profile' } } : {})).status);
		}
		const over = await callJson(fake, 'crm.deal.add', { fields: { TITLE: 'x' } });
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
		expect(over.status).toBe(503);
		expect(over.body).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
		expect(fake.db.deals.size).toBe(0);
		expect(fake.stats.rejected503).toBe(1);
		expect(fake.requestLog.map((e) => e.status)).toEqual([200, 200, 200, 200, 200, 503]);
		expect(fake.requestLog[0]).toMatchObject({ method: 'batch', commands: 3 });
	});

	it('drains at drainPerSecond * timeScale', async () => {
		// 1/s at timeScale 1000 = 1000/s: a short pause frees the bucket.
		const fake = await start({ bucket: { capacity: 2, drainPerSecond: 1 }, timeScale: 1000 });
		const slow = await start({ bucket: { capacity: 2, drainPerSecond: 1 } });
		for (const f of [fake, slow]) {
			await callJson(f, 'profile');
			await callJson(f, 'profile');
		}
		await new Promise((r) => setTimeout(r, 50));
		expect((await callJson(fake, 'profile')).status).toBe(200);
		expect((await callJson(slow, 'profile')).status).toBe(503);
	});
});

describe('operating budget', () => {
	it('answers 429 OPERATION_TIME_LIMIT with operating_reset_at once a method used its budget', async () => {
		const fake = await start({ bucket: false, operatingLimit: { budgetMs: 20, windowMs: 60_000 }, commandCostMs: 5 });
		for (let i = 0; i < 4; i++) expect((await callJson(fake, 'crm.deal.add', { fields: { TITLE: `d${i}` } })).status).toBe(200);
		const before = Math.floor(Date.now() / 1000);
		const r = await callJson(fake, 'crm.deal.add', { fields: { TITLE: 'blocked' } });
		expect(r.status).toBe(429);
		expect(r.body.error).toBe('OPERATION_TIME_LIMIT');
		expect(r.body.time.operating_reset_at).toBeGreaterThanOrEqual(before + 59);
		expect(r.body.time.operating_reset_at).toBeLessThanOrEqual(before + 62);
		expect(fake.db.deals.size).toBe(4);
		// Other methods keep their own budget; inside a batch the blocked method fails per command.
		const b = await callJson(fake, 'batch', { cmd: { add: 'crm.deal.add?fields[TITLE]=x', list: 'crm.deal.list' } });
		expect(b.status).toBe(200);
		expect(b.body.result.result_error.add.error).toBe('OPERATION_TIME_LIMIT');
		expect(b.body.result.result.list).toHaveLength(4);
		expect(fake.stats.rejected429).toBe(2);
	});

	it('reports operating seconds per method in time', async () => {
		const fake = await start({ bucket: false, commandCostMs: 250 });
		await callJson(fake, 'crm.deal.list');
		const r = await callJson(fake, 'crm.deal.list');
		expect(r.body.time.operating).toBeCloseTo(0.5);
	});
});

describe('injected faults', () => {
	it('connection reset: no answer, nothing executed', async () => {
		const fake = await start({ bucket: false });
		fake.setFaults({ nextReset: 1 });
		expect(await rawCall(fake, 'crm.deal.add', { fields: { TITLE: 'x' } })).toBe('closed');
		expect(fake.db.deals.size).toBe(0);
		expect(fake.stats.resets).toBe(1);
		expect((await rawCall(fake, 'crm.deal.add', { fields: { TITLE: 'x' } })) as unknown).toMatchObject({ status: 200 });
		expect(fake.db.deals.size).toBe(1);
	});

	it('lost answer: the write happened, the answer never came', async () => {
		const fake = await start({ bucket: false });
		fake.setFaults({ nextLostAnswer: 1 });
		expect(await rawCall(fake, 'batch', { cmd: { a: 'crm.deal.add?fields[TITLE]=Lost', b: 'crm.deal.add?fields[TITLE]=Lost2' } })).toBe('closed');
		expect([...fake.db.deals.values()].map((d) => d.TITLE)).toEqual(['Lost', 'Lost2']);
		expect(fake.stats.lostAnswers).toBe(1);
		expect(fake.requestLog[0]).toMatchObject({ method: 'batch', commands: 2, status: 0, fault: 'lostAnswer' });
	});

	it('next503 / next500 fail exactly the next N requests; setFaults({}) clears', async () => {
		const fake = await start({ bucket: false });
		fake.setFaults({ next503: 2, next500: 1 });
		const codes = [];
		for (let i = 0; i < 4; i++) codes.push((await callJson(fake, 'crm.deal.add', { fields: { TITLE: 'x' } })).status);
		expect(codes).toEqual([503, 503, 500, 200]);
		expect(fake.db.deals.size).toBe(1);
		fake.setFaults({ next503: 1, code503: 'OVERLOAD_LIMIT' });
		expect((await callJson(fake, 'profile')).body).toEqual({ error: 'OVERLOAD_LIMIT', error_description: 'REST API is blocked due to overload.' });
		fake.setFaults({ p500: 1 });
		const r = await callJson(fake, 'profile');
		expect(r.status).toBe(500);
		expect(r.body.error).toBe('INTERNAL_SERVER_ERROR');
		fake.setFaults({});
		expect((await callJson(fake, 'profile')).status).toBe(200);
		expect(fake.stats).toMatchObject({ rejected503: 3, failures500: 2 });
	});

	it('injected 429 carries a near operating_reset_at; probabilities are deterministic per seed', async () => {
		const a = await start({ bucket: false, seed: 42 });
		const b = await start({ bucket: false, seed: 42 });
		a.setFaults({ p503: 0.5 });
		b.setFaults({ p503: 0.5 });
		const run = async (f: FakeBitrix24) => {
			const out: number[] = [];
			for (let i = 0; i < 12; i++) out.push((await callJson(f, 'profile')).status);
			return out;
		};
		const ra = await run(a);
		expect(await run(b)).toEqual(ra);
		expect(ra).toContain(503);
		expect(ra).toContain(200);
		a.setFaults({ p429: 1 });
		const r = await callJson(a, 'crm.deal.list');
		expect(r.status).toBe(429);
		expect(r.body.time.operating_reset_at).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 2);
	});
});

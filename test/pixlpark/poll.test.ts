import type { IDataObject } from 'n8n-workflow';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { ordersSince, PixlparkPollTrigger } from '../../nodes/Pixlpark/PixlparkPollTrigger.node';
import { msDate, startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';
import { pollOnce } from './contexts';

const credentialTypes = [new PixlparkApi()];

describe('Pixlpark Poll Trigger (n8n-core PollContext)', () => {
	let fake: FakePixlpark;
	beforeEach(async () => {
		fake = await startFakePixlpark({ orders: 12 });
	});
	afterEach(async () => fake.close());

	function setup(parameters: IDataObject, staticData?: IDataObject, credentials = fake.credentials()) {
		return { node: new PixlparkPollTrigger(), parameters, credentialTypes, credentials: { pixlparkApi: credentials }, staticData };
	}

	it('over three runs with orders arriving between them emits each order exactly once, equal timestamps included', async () => {
		const parameters = { event: 'newOrChanged', output: 'raw', options: { pageSize: 5 } };
		const emitted: string[] = [];

		// Run 1: the first activation only remembers where it starts.
		const run1 = await pollOnce(setup(parameters));
		expect(run1.items).toEqual([]);
		const newest = Math.max(...[...fake.orders.values()].map((o) => Number(/\d+/.exec(String(o.DateModified))![0])));
		expect(run1.staticData.node).toBeUndefined();
		const state1 = (run1.staticData as { 'node:Trigger Under Test': IDataObject })['node:Trigger Under Test'];
		expect(state1.lastTimestamp).toBe(newest);

		// Between run 1 and 2: two orders placed in the same millisecond, and one existing order changed.
		const t = fake.now();
		const a = fake.addOrder({ createdMs: t, modifiedMs: t });
		const b = fake.addOrder({ createdMs: t, modifiedMs: t });
		const changedId = [...fake.orders.keys()][3];
		fake.touchOrder(changedId, t, { Status: 'Printing' });
		const run2 = await pollOnce(setup(parameters, run1.staticData));
		emitted.push(...run2.items.map((i) => String(i.json.Id)));
		expect(run2.items.map((i) => i.json.Id).sort()).toEqual([a.Id, b.Id, changedId].sort());
		expect(run2.items.find((i) => i.json.Id === changedId)!.json.Status).toBe('Printing');

		// Between run 2 and 3: a third order in the SAME millisecond as the last ones, and a later one.
		const c = fake.addOrder({ createdMs: t, modifiedMs: t });
		const d = fake.addOrder({ createdMs: t + 5, modifiedMs: t + 5 });
		const run3 = await pollOnce(setup(parameters, run2.staticData));
		emitted.push(...run3.items.map((i) => String(i.json.Id)));
		expect(run3.items.map((i) => i.json.Id)).toEqual([c.Id, d.Id]);

		// Run 4 with nothing new emits nothing.
		const run4 = await pollOnce(setup(parameters, run3.staticData));
		expect(run4.items).toEqual([]);

		expect(emitted.sort()).toEqual([a.Id, b.Id, changedId, c.Id, d.Id].map(String).sort());
		expect(new Set(emitted).size).toBe(emitted.length);
		// The position is small: the newest timestamp and the ids emitted at it.
		const state = (run4.staticData as Record<string, IDataObject>)['node:Trigger Under Test'];
		expect(state).toEqual({ lastTimestamp: t + 5, idsAtLastTimestamp: [String(d.Id)] });
	});

	it('"new orders" ignores changes; "emit existing" outputs full Order items on the first run', async () => {
		const parameters = { event: 'new', output: 'fullOrder', options: { emitExisting: true, scanLimit: 0 } };
		const run1 = await pollOnce(setup(parameters));
		expect(run1.items).toHaveLength(12);
		expect(run1.items.every((i) => typeof i.json.id === 'string' && Array.isArray(i.json.items) && (i.json.customer as IDataObject).name)).toBe(true);
		// Oldest first.
		expect(run1.items.map((i) => i.json.createdAt)).toEqual([...run1.items.map((i) => i.json.createdAt as string)].sort());
		fake.touchOrder([...fake.orders.keys()][0]);
		const run2 = await pollOnce(setup(parameters, run1.staticData));
		expect(run2.items).toEqual([]);
	});

	it('a manual test run shows the newest order and keeps no position', async () => {
		const run = await pollOnce(setup({ event: 'newOrChanged', output: 'raw', options: {} }), 'manual');
		expect(run.items).toHaveLength(1);
		const newestId = [...fake.orders.keys()].pop();
		expect(run.items[0].json.Id).toBe(newestId);
		expect(run.staticData).toEqual({ 'node:Trigger Under Test': {} });
	});

	it('renews an expired token between runs', async () => {
		const parameters = { event: 'newOrChanged', output: 'raw', options: {} };
		const run1 = await pollOnce(setup(parameters));
		fake.expireTokens();
		fake.addOrder();
		const run2 = await pollOnce(setup(parameters, run1.staticData, run1.credentials.pixlparkApi as ReturnType<FakePixlpark['credentials']>));
		expect(run2.items).toHaveLength(1);
		expect(fake.tokensIssued()).toBe(2);
	});

	it('wrong keys: the poll fails with a clear error and no secret', async () => {
		const privateKey = 'poll-wrong-SECRET-123';
		await expect(pollOnce(setup({ event: 'new', output: 'raw', options: {} }, undefined, { ...fake.credentials(), privateKey }))).rejects.toThrow(
			/Pixlpark refused the API keys/,
		);
		try {
			await pollOnce(setup({ event: 'new', output: 'raw', options: {} }, undefined, { ...fake.credentials(), privateKey }));
		} catch (error) {
			expect(JSON.stringify({ m: (error as Error).message, d: (error as { description?: string }).description })).not.toContain(privateKey);
		}
	});
});

describe('ordersSince', () => {
	const stamp = (o: IDataObject) => Number(o.t);
	it('keeps ids at the last timestamp and adds to them when more arrive at it', () => {
		const first = ordersSince([{ Id: 1, t: 10 }, { Id: 2, t: 10 }], {}, stamp);
		expect(first.next).toEqual({ lastTimestamp: 10, idsAtLastTimestamp: ['1', '2'] });
		const second = ordersSince([{ Id: 1, t: 10 }, { Id: 2, t: 10 }, { Id: 3, t: 10 }, { Id: 0, t: 9 }], first.next, stamp);
		expect(second.fresh.map((o) => o.Id)).toEqual([3]);
		expect(second.next).toEqual({ lastTimestamp: 10, idsAtLastTimestamp: ['1', '2', '3'] });
		const third = ordersSince([{ Id: 4, t: 11 }], second.next, stamp);
		expect(third.next).toEqual({ lastTimestamp: 11, idsAtLastTimestamp: ['4'] });
	});

	it('skips orders without a date', () => {
		expect(ordersSince([{ Id: 1, DateModified: msDate(5) }], {}, () => undefined).fresh).toEqual([]);
	});
});

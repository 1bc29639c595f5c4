import { seedDeal } from '../fakes/bitrix24';
import type { Portal } from './harness';
import { startPortal, visibleText } from './harness';

describe('Bitrix24 node: rows, timeline, funnels, any method, batch, dropdowns', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await startPortal();
	});
	afterAll(async () => await portal.fake.close());

	it('sets and gets product rows', async () => {
		const id = seedDeal(portal.fake.db, { TITLE: 'Rows' });
		const set = await portal.run({ resource: 'productRow', operation: 'set', dealId: String(id), rows: { row: [{ name: 'Фотокнига А4', price: 1500.5, quantity: 2 }, { name: 'Доставка', price: 300, quantity: 1 }] } });
		expect(set.json[0]).toEqual({ dealId: String(id), set: true });
		const rows = portal.fake.db.productRows.get(id)!;
		expect(rows.map((r) => [r.PRODUCT_NAME, Number(r.PRICE), Number(r.QUANTITY)])).toEqual([['Фотокнига А4', 1500.5, 2], ['Доставка', 300, 1]]);
		const got = await portal.run({ resource: 'productRow', operation: 'get', dealId: String(id) });
		expect(got.json.map((r) => r.PRODUCT_NAME)).toEqual(['Фотокнига А4', 'Доставка']);
		const json = await portal.run({ resource: 'productRow', operation: 'set', dealId: String(id), rowsJson: '[{"PRODUCT_NAME": "Календарь", "PRICE": 700, "QUANTITY": 3}]' });
		expect(json.error).toBeUndefined();
		expect(portal.fake.db.productRows.get(id)!.map((r) => r.PRODUCT_NAME)).toEqual(['Календарь']);
	});

	it('adds timeline comments to a deal, keeping BB-codes and Unicode as given', async () => {
		const id = seedDeal(portal.fake.db, { TITLE: 'Timeline' });
		const text = 'Клиент: «сделайте [b]крупнее[/b]» 👍';
		const result = await portal.run({ resource: 'timelineComment', operation: 'add', entityType: 'deal', entityId: String(id), comment: text });
		expect(result.error).toBeUndefined();
		const stored = portal.fake.db.timeline.filter((c) => c.ENTITY_ID === id);
		expect(stored.map((c) => [c.ENTITY_TYPE, c.COMMENT])).toEqual([['deal', text]]);
	});

	it('lists funnels and the stages of a funnel', async () => {
		const funnels = await portal.run({ resource: 'funnel', operation: 'getAll' });
		expect(funnels.json.map((f) => f.name)).toEqual(expect.arrayContaining(['General', 'Print orders']));
		const stages = await portal.run({ resource: 'stage', operation: 'getAll', funnelId: '1' });
		expect(stages.json.map((s) => s.STATUS_ID)).toEqual(['C1:NEW', 'C1:PREPARATION', 'C1:EXECUTING', 'C1:WON', 'C1:LOSE']);
		const bad = await portal.run({ resource: 'stage', operation: 'getAll', funnelId: 'x1' });
		expect(bad.error?.message).toBe('Item 0: Funnel ID must be a whole number, got "x1"');
	});

	it('fills dropdowns from the live portal', async () => {
		expect((await portal.options('getFunnels')).map((o) => o.value)).toEqual(['0', '1']);
		expect((await portal.options('getStages', { funnelId: '1' })).map((o) => o.value)).toContain('C1:WON');
		expect((await portal.options('getStages', { funnelId: '0' })).map((o) => o.value)).toContain('PREPAYMENT_INVOICE');
		expect((await portal.options('getUsers')).map((o) => o.name)).toEqual(['Ivan Petrov', 'Maria Smirnova']);
		expect((await portal.options('getSources')).map((o) => o.value)).toContain('WEB');
		expect((await portal.options('getCurrencies')).map((o) => o.value)).toEqual(expect.arrayContaining(['RUB', 'USD', 'EUR']));
	});

	it('calls any method and runs a user batch with $result references and halt', async () => {
		const call = await portal.run({ resource: 'api', operation: 'call', method: 'crm.deal.add', params: '{"fields": {"TITLE": "Via call"}}' });
		expect(portal.fake.db.deals.get(Number(call.json[0].result))?.TITLE).toBe('Via call');
		const batch = await portal.run({
			resource: 'api',
			operation: 'batch',
			halt: false,
			commands: {
				command: [
					{ key: 'a', method: 'crm.deal.add', params: '{"fields": {"TITLE": "Batch A"}}' },
					{ key: 'b', method: 'crm.deal.get', params: '{"id": "$result[a]"}' },
					{ key: 'c', method: 'crm.deal.get', params: '{"id": 987654}' },
				],
			},
		});
		const out = batch.json[0] as { result: Record<string, { TITLE?: string }>; errors: Record<string, unknown> };
		expect(out.result.b.TITLE).toBe('Batch A');
		expect(Object.keys(out.errors)).toEqual(['c']);
	});

	it('rejects bad input with the item and field named, and nothing hangs', async () => {
		const nonJson = await portal.run({ resource: 'api', operation: 'call', method: 'crm.deal.list', params: '{not json' }, [{}], { continueOnFail: true });
		expect(nonJson.json[0].error).toBe('Item 0: field "Parameters (JSON)" must be a JSON object, e.g. {"UF_CRM_1": "value"}');
		const commands = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, method: 'crm.deal.get', params: i === 0 ? '{"id": 1}' : `{"id": "$result[k${i - 1}][ID]"}` }));
		const tooMany = await portal.run({ resource: 'api', operation: 'batch', halt: false, commands: { command: commands } });
		expect(tooMany.error?.message).toMatch(/51 commands refer to each other.*at most 50/);
		const badUrl = await portal.run({ resource: 'deal', operation: 'get', id: '1' }, [{}], { credentials: { portalUrl: 'company.bitrix24.ru' } });
		expect(badUrl.error?.message).toMatch(/field "Portal URL" is not a valid address/);
		const unknownFunnel = await portal.run({ resource: 'deal', operation: 'create', fields: { title: 'X', categoryId: '77' } });
		expect(unknownFunnel.error?.message).toMatch(/crm\.deal\.add/);
	});

	it('explains a wrong webhook code, a missing CRM right and an unknown method, never showing the code', async () => {
		const wrong = await portal.run({ resource: 'deal', operation: 'get', id: '1' }, [{}], { credentials: { webhookSecret: 'wrongSecret123' } });
		expect(wrong.error?.message).toMatch(/NO_AUTH_FOUND/);
		expect(wrong.error?.description).toMatch(/incoming webhook code or the employee ID/);
		expect(visibleText(wrong)).not.toContain('wrongSecret123');
		const noCrm = await startPortal({ scopes: ['user'] });
		try {
			const denied = await noCrm.run({ resource: 'deal', operation: 'get', id: '1' });
			expect(denied.error?.message).toMatch(/insufficient_scope/);
			expect(denied.error?.description).toMatch(/tick "CRM"/);
		} finally {
			await noCrm.fake.close();
		}
		const unknown = await portal.run({ resource: 'api', operation: 'call', method: 'crm.nosuch.method', params: '{}' });
		expect(unknown.error?.message).toMatch(/ERROR_METHOD_NOT_FOUND|crm\.nosuch\.method/);
		expect(visibleText(unknown)).not.toContain(portal.fake.credentials.webhookSecret);
	});
});

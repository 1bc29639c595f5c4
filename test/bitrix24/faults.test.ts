import type { IDataObject } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';
import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { seedContact, seedDeal, startFakeBitrix24 } from '../fakes/bitrix24';
import { personOrder } from '../fixtures/orders';
import { runNode } from '../helpers/engine';
import { startPortal, visibleText } from './harness';

const EXPORT = { resource: 'order', operation: 'export', funnelId: '0', orderTypes: 'all', newClientsAsLeads: false };
const orders = (count: number) => Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(personOrder(i))) as IDataObject);

describe('Bitrix24 transport under throttling and faults', () => {
	it('waits out 503 QUERY_LIMIT_EXCEEDED when the portal is stricter than the credential says', async () => {
		// The portal allows a burst of 3 while the credential claims 50: 503s come and are waited out.
		const fake = await startFakeBitrix24({ bucket: { capacity: 3, drainPerSecond: 2 }, timeScale: 20 });
		try {
			for (let i = 0; i < 20; i++) seedDeal(fake.db, { TITLE: `T${i}` });
			fake.resetStats();
			const credentials = { bitrix24WebhookApi: { ...fake.credentials, rateLimit: 'custom', requestsPerSecond: 1000, burst: 50 } };
			// Get Many pages per item: 20 items make 20 requests at once.
			const items = Array.from({ length: 20 }, () => ({}));
			const result = await runNode({ node: new Bitrix24(), parameters: { resource: 'deal', operation: 'getAll', returnAll: false, limit: 5, simplify: true }, items, credentialTypes: [new Bitrix24WebhookApi()], credentials });
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(100);
			expect(fake.stats.rejected503).toBeGreaterThan(0);
		} finally {
			await fake.close();
		}
	});

	it('waits out 429 OPERATION_TIME_LIMIT until the portal\'s reset time', async () => {
		const portal = await startPortal({ timeScale: 50 });
		try {
			const id = seedDeal(portal.fake.db, { TITLE: 'Busy' });
			portal.fake.setFaults({ p429: 1 });
			const pending = portal.run({ resource: 'deal', operation: 'get', id: String(id) });
			await new Promise((r) => setTimeout(r, 300));
			portal.fake.setFaults({});
			const result = await pending;
			expect(result.error).toBeUndefined();
			expect(result.json[0].TITLE).toBe('Busy');
			expect(portal.fake.stats.rejected429).toBeGreaterThan(0);
		} finally {
			await portal.fake.close();
		}
	});

	it('a lost answer to a write is not resent blindly: single creates fail clearly, the export redoes its look-ups', async () => {
		const portal = await startPortal();
		try {
			portal.fake.setFaults({ nextLostAnswer: 1 });
			const create = await portal.run({ resource: 'deal', operation: 'create', fields: { title: 'Maybe' } }, [{}], { continueOnFail: true });
			expect(String(create.json[0].error)).toMatch(/broke before the answer arrived/);
			expect(portal.fake.db.deals.size).toBe(1); // it did happen, and was not sent twice
			expect(visibleText(create)).not.toContain(portal.fake.credentials.webhookSecret);

			portal.fake.setFaults({ nextLostAnswer: 1 });
			const beforeDeals = portal.fake.db.deals.size;
			const exported = await portal.run(EXPORT, orders(3));
			expect(exported.error).toBeUndefined();
			expect(exported.json.map((j) => j.action)).toEqual(['updated', 'updated', 'updated'].map(() => expect.stringMatching(/created|updated/)));
			expect(portal.fake.db.deals.size - beforeDeals).toBe(3);
			for (const deal of [...portal.fake.db.deals.values()].filter((d) => d.ORIGINATOR_ID === 'pixlpark')) {
				expect(portal.fake.db.timeline.filter((c) => c.ENTITY_ID === Number(deal.ID))).toHaveLength(2);
				expect(portal.fake.db.productRows.get(Number(deal.ID))).toHaveLength(4);
			}
			expect(portal.fake.db.contacts.size).toBe(3);
		} finally {
			await portal.fake.close();
		}
	});

	it('60 orders under 20% 503s, 5% 500s, 5% resets and 5% lost answers end with one deal each, rows and comments once', async () => {
		const fake = await startFakeBitrix24({ bucket: false, seed: 42 });
		try {
			for (let i = 0; i < 60; i += 2) seedContact(fake.db, { NAME: `Existing ${i}`, PHONE: [{ VALUE: personOrder(i).customer.phone, VALUE_TYPE: 'MOBILE' }] });
			const credentials = { bitrix24WebhookApi: { ...fake.credentials, rateLimit: 'enterprise' } };
			const run = async () => await runNode({ node: new Bitrix24(), parameters: EXPORT, items: orders(60), credentialTypes: [new Bitrix24WebhookApi()], credentials, continueOnFail: true });
			fake.setFaults({ p503: 0.2, p500: 0.05, pReset: 0.05, pLostAnswer: 0.05 });
			const first = await run();
			fake.setFaults({});
			expect(first.json.filter((j) => j.error)).toEqual([]);
			const deals = [...fake.db.deals.values()];
			expect(deals).toHaveLength(60);
			expect(new Set(deals.map((d) => d.ORIGIN_ID)).size).toBe(60);
			for (const deal of deals) {
				expect(fake.db.productRows.get(Number(deal.ID))).toHaveLength(4);
				expect(fake.db.timeline.filter((c) => c.ENTITY_TYPE === 'deal' && c.ENTITY_ID === Number(deal.ID))).toHaveLength(2);
			}
			expect(fake.db.contacts.size).toBe(60);
			const faults = fake.stats.rejected503 + fake.stats.failures500 + fake.stats.resets + fake.stats.lostAnswers;
			expect(faults).toBeGreaterThan(0);
			const second = await run();
			expect(second.json.map((j) => j.action)).toEqual(Array(60).fill('unchanged'));
			expect(fake.db.deals.size).toBe(60);
			expect(fake.db.contacts.size).toBe(60);
			expect(fake.db.timeline).toHaveLength(120);
		} finally {
			await fake.close();
		}
	});
});

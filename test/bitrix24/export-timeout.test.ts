/**
 * Found by the fault table (scripts/faults.ts): a write batch that the portal carries out only
 * after the node's timeout must not be written a second time. Before the fix the export redid its
 * look-ups at once, found nothing yet, and created every deal of the batch twice.
 */
import type { IDataObject } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';
import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { capTimeouts } from '../../scripts/faults';
import { startFakeBitrix24 } from '../fakes/bitrix24';
import { startFaultProxy } from '../faults/proxy';
import { personOrder } from '../fixtures/orders';
import { runNode } from '../helpers/engine';

const EXPORT = { resource: 'order', operation: 'export', funnelId: '0', orderTypes: 'all', newClientsAsLeads: false };

describe('Bitrix24 Order > Export when the portal is slower than the timeout', () => {
	it('a write batch carried out after the timeout: error items now, one deal each, and the next run does not duplicate', async () => {
		capTimeouts(800);
		const fake = await startFakeBitrix24({ bucket: false });
		let stalled = 0;
		const proxy = await startFaultProxy({
			target: fake.url,
			slowMs: 1_500,
			statusAnswer: () => ({ body: {} }),
			// The first request that creates deals is carried out 1.5 s late, after the 0.8 s timeout.
			choose: (_method, _path, body) => (stalled === 0 && body.toString('utf8').includes('crm.deal.add') ? (stalled++, 'stall') : undefined),
		});
		try {
			const orders = [0, 1, 2].map((i) => JSON.parse(JSON.stringify(personOrder(i))) as IDataObject);
			const run = async () =>
				await runNode({
					node: new Bitrix24(),
					parameters: EXPORT,
					items: orders,
					credentialTypes: [new Bitrix24WebhookApi()],
					credentials: { bitrix24WebhookApi: { ...fake.credentials, portalUrl: proxy.url, rateLimit: 'enterprise' } },
					continueOnFail: true,
				});
			const first = await run();
			expect(stalled).toBe(1);
			expect(first.json).toHaveLength(3);
			for (const [index, json] of first.json.entries()) {
				expect(json.error).toBe(`Item ${index}: Bitrix24 ${new URL(proxy.url).host}, batch: ANSWER_TIMEOUT - Bitrix24 did not answer in time and may still be exporting order ${orders[index].number}; run the export again later: it finds the deal by ORIGIN_ID and does not create a second one`);
			}
			await proxy.idle();
			const deals = () => [...fake.db.deals.values()].filter((d) => d.ORIGINATOR_ID === 'pixlpark');
			expect(deals().map((d) => d.ORIGIN_ID).sort()).toEqual(orders.map((o) => o.id).sort());

			const second = await run();
			expect(second.json.map((j) => j.error)).toEqual([undefined, undefined, undefined]);
			expect(second.json.map((j) => j.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
			expect(deals()).toHaveLength(3);
			for (const deal of deals()) expect(fake.db.timeline.filter((c) => c.ENTITY_TYPE === 'deal' && c.ENTITY_ID === Number(deal.ID))).toHaveLength(2);
		} finally {
			await proxy.close();
			await fake.close();
		}
	});
});

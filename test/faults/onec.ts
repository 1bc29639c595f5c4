/**
 * 1C under faults. 1C pulls: the fake 1C client (test/fakes/onec) drives the exchange protocol
 * (checkauth, init, query, success) against the 1C Exchange Trigger served over HTTP the way
 * n8n's webhook server does (test/onec/harness.ts), with the fault proxy in between. The query runs the rest of the workflow
 * in n8n's engine: 1C Polygraphy "Answer 1C Exchange Query" fed by the orders.
 *
 * A faulted step ends that exchange (1C gives up and comes back on its schedule); orders arrive in
 * the source while the rounds go on; a last round runs without faults. Counted from what the fake
 * 1C received:
 * - duplicates: an order handed out again after 1C's `success` for it was answered "success"
 *   (n8n confirmed the delivery; a redelivery after a LOST success answer is the protocol's
 *   at-least-once and not counted, 1C matches documents by Ид);
 * - missing: an order of the source 1C never received.
 * "Slow" answers are not injected: the fake 1C client has no timeout, and a slow answer past 1C's
 * own timeout is the lost answer, which is.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultRow } from '../../scripts/faults';
import { documentIds, OneCClient } from '../fakes/onec';
import { startExchangeHarness } from '../onec/harness';
import { startFaultProxy, type FaultMix } from './proxy';

const LOGIN = 'site-exchange';
const PASSWORD = 'Faults-1C-pass!';

/** An Order item (as test/onec/data.ts `order`) with its own id. */
function sourceOrder(i: number): IDataObject {
	const id = String(700000 + i);
	return {
		id,
		number: `PP-${id}`,
		title: 'Визитки',
		createdAt: '2026-03-15T09:30:00Z',
		updatedAt: '2026-03-15T10:00:00Z',
		status: 'Новый',
		paymentStatus: 'paid',
		currency: 'RUB',
		prices: { total: 2350, discount: 150, delivery: 300, paid: 2350 },
		customer: { type: 'person', id: `u-${i}`, name: 'Иванова Мария Петровна', phone: '+7 900 111-22-33', email: 'maria@example.ru' },
		items: [{ id: 'L1', name: 'Визитки', sku: [{ name: 'Формат', value: '90x50' }], quantity: 100, price: 12, total: 1200 }],
		delivery: { method: 'Курьер', address: 'Москва, ул. Тверская, д. 1', price: 300 },
		comments: [],
	};
}

function oneCStatus(status: 429 | 503 | 500) {
	return { body: `failure\nHTTP ${status}` };
}

export interface OneCFaultOptions {
	orders: number;
	mix: FaultMix;
	seed: number;
	/** Exchanges with faults before the last clean one (default: orders / 2, at least 8). */
	rounds?: number;
}

export async function runOneCExchange(options: OneCFaultOptions): Promise<FaultRow[]> {
	const all = Array.from({ length: options.orders }, (_, i) => sourceOrder(i));
	const rounds = options.rounds ?? Math.max(8, Math.ceil(options.orders / 2));
	let available = 0;
	const exchange = await startExchangeHarness({ login: LOGIN, password: PASSWORD, source: () => all.slice(0, available) });
	const proxy = await startFaultProxy({ target: new URL(exchange.url).origin, seed: options.seed + 100, statusAnswer: oneCStatus });
	const started = Date.now();
	const received = new Map<string, number>();
	const confirmed = new Set<string>();
	let duplicates = 0;
	try {
		proxy.setMix({ ...options.mix, slow: 0, stall: 0 });
		for (let round = 0; round <= rounds + 1; round++) {
			if (round === rounds) proxy.setMix({});
			available = Math.min(all.length, Math.ceil(((round + 1) * all.length) / rounds));
			const client = new OneCClient({ url: `${proxy.url}/webhook/onec/exchange`, login: LOGIN, password: PASSWORD });
			try {
				const auth = await client.checkauth();
				if (!auth.body.startsWith('success')) continue;
				if ((await client.init()).status !== 200) continue;
				const query = await client.query();
				if (query.status !== 200 || query.body.startsWith('failure')) continue;
				const ids = documentIds(query.body);
				for (const id of ids) {
					if (confirmed.has(id)) duplicates++;
					received.set(id, (received.get(id) ?? 0) + 1);
				}
				const success = await client.success();
				if (success.status === 200 && success.body.startsWith('success')) for (const id of ids) confirmed.add(id);
			} catch {
				// A reset or a lost answer: this exchange is over; 1C comes back next time.
			}
		}
	} finally {
		await proxy.close();
		await exchange.close();
	}
	const delivered = all.filter((o) => received.has(String(o.id))).length;
	return [
		{
			node: '1C Exchange Trigger + 1C Polygraphy',
			operation: `Exchange (query/success), ${rounds + 2} rounds`,
			writes: true,
			faults: { ...proxy.counts },
			itemsIn: all.length,
			ok: delivered,
			errors: 0,
			duplicates,
			missing: all.length - delivered,
			seconds: Math.round((Date.now() - started) / 100) / 10,
		},
	];
}

/**
 * `npm run bench`: requests used by the Bitrix24 node against the fake portal at the real plan
 * limits (2 requests/s, burst 50), with the portal's clock compressed by TIME_SCALE so the run
 * takes seconds; "portal s" is the least time a real portal's rate limit allows for the
 * requests used. Every figure is measured in this run, the baselines included; nothing is
 * asserted on time.
 *
 *   npm run bench                 # all sections, 1,000 orders
 *   npm run bench -- --orders 200 # a smaller export
 */
import type { IDataObject } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../credentials/Bitrix24WebhookApi.credentials';
import { Bitrix24 } from '../nodes/Bitrix24/Bitrix24.node';
import type { BatchCommand, CommandOutcome } from '../nodes/Bitrix24/transport';
import { Bitrix24Client } from '../nodes/Bitrix24/transport';
import { isReadMethod } from '../nodes/Bitrix24/transport/batch';
import type { FakeBitrix24 } from '../test/fakes/bitrix24';
import { seedContact, seedDeals, startFakeBitrix24 } from '../test/fakes/bitrix24';
import { personOrder } from '../test/fixtures/orders';
import { runNode } from '../test/helpers/engine';

const TIME_SCALE = 100;
const argOrders = process.argv.indexOf('--orders');
const ORDERS = argOrders > 0 ? Number(process.argv[argOrders + 1]) : 1000;

async function portal(): Promise<FakeBitrix24> {
	return await startFakeBitrix24({ bucket: { capacity: 50, drainPerSecond: 2 }, timeScale: TIME_SCALE, seed: 7 });
}

async function run(fake: FakeBitrix24, parameters: IDataObject, items: IDataObject[], continueOnFail = false) {
	// The client paces at the plan's rate on the portal's compressed clock.
	const credentials = { bitrix24WebhookApi: { ...fake.credentials, rateLimit: 'custom', requestsPerSecond: 2 * TIME_SCALE, burst: 50 } };
	return await runNode({ node: new Bitrix24(), parameters, items, credentialTypes: [new Bitrix24WebhookApi()], credentials, continueOnFail });
}

/** The least time a real portal on the ordinary plan needs for this many requests: the burst, then 2 a second. */
function portalSeconds(fake: FakeBitrix24): number {
	return Math.max(0, fake.stats.requests - 50) / 2;
}

function commandsByKind(fake: FakeBitrix24) {
	let lookups = 0;
	let writes = 0;
	for (const [method, count] of Object.entries(fake.stats.byMethod)) {
		if (method === 'batch') continue;
		if (isReadMethod(method)) lookups += count;
		else writes += count;
	}
	return { lookups, writes };
}

/** The baseline: the same operation with every command sent as its own request (what one-at-a-time integrations do). */
function sendOneByOne() {
	const original = Bitrix24Client.prototype.batch;
	Bitrix24Client.prototype.batch = async function (this: Bitrix24Client, commands: BatchCommand[]) {
		const outcomes = new Map<string, CommandOutcome>();
		const resolve = (value: unknown): unknown => {
			if (typeof value === 'string') {
				const whole = /^\$result\[(\w+)\]((?:\[\w+\])*)$/.exec(value);
				const path = (key: string, rest: string) => rest.match(/\w+/g)?.reduce<unknown>((v, k) => (v as IDataObject)?.[k], outcomes.get(key)?.result) ?? outcomes.get(key)?.result;
				if (whole) return path(whole[1], whole[2]);
				return value.replace(/\$result\[(\w+)\]((?:\[\w+\])*)/g, (_, key: string, rest: string) => String(path(key, rest) ?? ''));
			}
			if (Array.isArray(value)) return value.map(resolve);
			if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
			return value;
		};
		for (const command of commands) {
			try {
				const envelope = await this.send(command.method, resolve(command.params ?? {}) as IDataObject, isReadMethod(command.method));
				outcomes.set(command.key, { result: envelope.result, total: envelope.total, next: envelope.next });
			} catch (error) {
				const e = error as { code?: string; description?: string };
				outcomes.set(command.key, { error: { code: String(e.code ?? ''), description: String(e.description ?? '') } });
			}
		}
		return outcomes;
	};
	return () => {
		Bitrix24Client.prototype.batch = original;
	};
}

function row(cells: Array<string | number>) {
	console.log(cells.map((c) => String(c).padEnd(14)).join(''));
}

async function readBench() {
	const fake = await portal();
	seedDeals(fake.db, 10_000);
	fake.resetStats();
	const result = await run(fake, { resource: 'deal', operation: 'getAll', returnAll: true, options: { select: 'ID, TITLE' } }, [{}]);
	const floor = Math.ceil(10_000 / 50 / 50);
	row(['read 10k deals', result.json.length, fake.stats.requests, floor, (fake.stats.requests / floor).toFixed(2), fake.stats.rejected503, portalSeconds(fake).toFixed(0)]);
	await fake.close();
}

async function createBench() {
	const fake = await portal();
	const items = Array.from({ length: 200 }, (_, i) => ({ n: i }));
	await run(fake, { resource: 'deal', operation: 'create', fields: { title: '={{ "Deal " + $json.n }}' } }, items);
	const floor = Math.ceil(200 / 50);
	row(['create x200', 200, fake.stats.requests, floor, (fake.stats.requests / floor).toFixed(2), fake.stats.rejected503, portalSeconds(fake).toFixed(0)]);
	await fake.close();
}

const EXPORT = {
	resource: 'order',
	operation: 'export',
	funnelId: '0',
	statusMap: { mapping: [{ status: 'NotProcessed', stageId: 'NEW' }] },
	orderTypes: 'all',
	newClientsAsLeads: false,
};

function exportOrders(count: number) {
	return Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(personOrder(i))) as IDataObject);
}

async function seededPortal(count: number) {
	const fake = await portal();
	// Half of the customers are already in the portal (found by phone).
	for (let i = 0; i < count; i += 2) seedContact(fake.db, { NAME: `Existing ${i}`, PHONE: [{ VALUE: personOrder(i).customer.phone, VALUE_TYPE: 'MOBILE' }] });
	fake.resetStats();
	return fake;
}

async function exportBench(label: string, oneByOne: boolean) {
	const fake = await seededPortal(ORDERS);
	const restore = oneByOne ? sendOneByOne() : () => undefined;
	const started = Date.now();
	const result = await run(fake, EXPORT, exportOrders(ORDERS));
	restore();
	const { lookups, writes } = commandsByKind(fake);
	const floor = Math.ceil(lookups / 50) + Math.ceil(writes / 50);
	const failed = result.json.filter((j) => j.error).length + (result.error ? ORDERS : 0);
	row([label, `${ORDERS}/${failed} err`, fake.stats.requests, floor, (fake.stats.requests / floor).toFixed(2), fake.stats.rejected503, portalSeconds(fake).toFixed(0), `${lookups}+${writes}`, ((Date.now() - started) / 1000).toFixed(1)]);
	await fake.close();
	return fake.stats.requests;
}

async function faultBench() {
	const fake = await seededPortal(ORDERS);
	fake.setFaults({ p503: 0.2, p500: 0.05, pReset: 0.05, pLostAnswer: 0.05 });
	const first = await run(fake, EXPORT, exportOrders(ORDERS), true);
	const errors = first.json.filter((j) => j.error).length;
	fake.setFaults({});
	const deals = [...fake.db.deals.values()];
	const origins = new Set(deals.map((d) => d.ORIGIN_ID));
	const rowsOk = deals.every((d) => (fake.db.productRows.get(Number(d.ID)) ?? []).length === 4);
	const commentsOk = deals.every((d) => fake.db.timeline.filter((c) => c.ENTITY_TYPE === 'deal' && c.ENTITY_ID === Number(d.ID)).length === 2);
	const before = { deals: fake.db.deals.size, contacts: fake.db.contacts.size, comments: fake.db.timeline.length };
	await run(fake, EXPORT, exportOrders(ORDERS));
	const after = { deals: fake.db.deals.size, contacts: fake.db.contacts.size, comments: fake.db.timeline.length };
	console.log(
		`faults (20% 503, 5% 500, 5% resets, 5% lost answers): errors ${errors}, deals ${deals.length} for ${origins.size} orders, ` +
			`rows once ${rowsOk}, comments once ${commentsOk}, 503s ${fake.stats.rejected503}, 500s ${fake.stats.failures500}, resets ${fake.stats.resets}, lost ${fake.stats.lostAnswers}; ` +
			`second export created deals ${after.deals - before.deals}, contacts ${after.contacts - before.contacts}, comments ${after.comments - before.comments}`,
	);
	await fake.close();
}

async function main() {
	console.log(`Bitrix24 benchmark: fake portal at 2 requests/s, burst 50, clock x${TIME_SCALE}; floor = ceil(commands/50) per pass`);
	row(['job', 'items', 'requests', 'floor', 'ratio', '503s', 'portal s', 'commands', 'wall s']);
	await readBench();
	await createBench();
	const batched = await exportBench('export', false);
	const baseline = await exportBench('baseline 1x1', true);
	console.log(`export: ${batched} requests against ${baseline} for one call per command (${(baseline / batched).toFixed(1)}x fewer)`);
	await faultBench();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

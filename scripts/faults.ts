/**
 * The fault table: every node's writing and reading operations run in n8n's engine (runNode)
 * against its fake server behind a fault-injecting proxy (test/faults/proxy.ts): 429, 503, 500,
 * connection resets, slow answers past the timeout and answers lost after the write.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts scripts/faults.ts [--size ci|full]
 *
 * Counting is done from the fakes' stored state, never from what the node says:
 * - duplicates: records the fake created more than once for one input item (same order id,
 *   same comment text, a status applied twice, ...); for reads, an input item answered twice;
 * - missing: input items with neither a record in the fake (reads: an output item) nor an
 *   error item under Continue on Fail.
 * Exit code 1 when any writing operation has duplicates or missing > 0.
 *
 * Timeouts: the transports time out after 60 s (Bitrix24, ASystem, HelloPrint: their own
 * setting, not a node option) or n8n's default 300 s (Pixlpark sets none). To keep the run short,
 * the runner caps every request's timeout to TIMEOUT_CAP_MS through an axios request interceptor
 * (n8n's HTTP helpers use axios) and the proxy holds "slow" answers longer than that: the
 * transport's own timeout handling runs, only sooner.
 */
import { sampleOrder } from '../test/asystem/helpers';
import type { AxiosStatic } from 'axios';
import { dirname } from 'node:path';
import type { ICredentialType, IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { ASystemApi } from '../credentials/ASystemApi.credentials';
import { Bitrix24WebhookApi } from '../credentials/Bitrix24WebhookApi.credentials';
import { HelloPrintApi } from '../credentials/HelloPrintApi.credentials';
import { PixlparkApi } from '../credentials/PixlparkApi.credentials';
import { ASystem } from '../nodes/ASystem/ASystem.node';
import { Bitrix24 } from '../nodes/Bitrix24/Bitrix24.node';
import { HelloPrint } from '../nodes/HelloPrint/HelloPrint.node';
import { Pixlpark } from '../nodes/Pixlpark/Pixlpark.node';
import { startFakeASystem } from '../test/fakes/asystem';
import { seedDeal, startFakeBitrix24 } from '../test/fakes/bitrix24';
import { startFakeHelloPrint } from '../test/fakes/helloprint';
import { startFakePixlpark } from '../test/fakes/pixlpark';
import { startFaultProxy, FAULT_KINDS, type FaultKind, type FaultMix, type StatusAnswer } from '../test/faults/proxy';
import { runOneCExchange } from '../test/faults/onec';
import { runPixlparkPoll } from '../test/faults/poll';
import { personOrder } from '../test/fixtures/orders';
import { runNode, type CredentialsByType } from '../test/helpers/engine';

export type Size = 'ci' | 'full';

export interface FaultRow {
	node: string;
	operation: string;
	writes: boolean;
	faults: Record<FaultKind, number>;
	itemsIn: number;
	ok: number;
	errors: number;
	duplicates: number;
	missing: number;
	/**
	 * Operations that are safe to run again (keyed by the order): the error items run once more,
	 * without faults, as the next scheduled run would; then every item must have exactly one record.
	 */
	rerun?: { items: number; duplicates: number; missing: number };
	seconds: number;
}

export const TIMEOUT_CAP_MS = 800;
export const SLOW_MS = 1_500;

const MIX: FaultMix = { '429': 0.03, '503': 0.08, '500': 0.04, reset: 0.05, slow: 0.03, stall: 0.03, lostAnswer: 0.05 };

/** Items per operation, items per execution, fault probabilities per request. */
const SIZES: Record<Size, { items: number; chunk: number; mix: FaultMix }> = {
	ci: { items: 24, chunk: 8, mix: MIX },
	full: { items: 200, chunk: 20, mix: MIX },
};
/** The axios instance n8n's HTTP helpers use (resolved from n8n-core's own dependency, not a copy of ours). */
function n8nAxios(): AxiosStatic {
	const core = dirname(require.resolve('n8n-core'));
	const network = require.resolve('@n8n/backend-network', { paths: [core] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module n8n itself loads
	return require(require.resolve('axios', { paths: [dirname(network)] })) as AxiosStatic;
}

let timeoutCap = TIMEOUT_CAP_MS;
let timeoutCapInstalled = false;
/** Origins (a proxy running without faults) whose requests keep a generous timeout. */
const relaxedOrigins = new Set<string>();

function originOf(url: string | undefined, base: string | undefined): string {
	try {
		return new URL(url ?? '', base).origin;
	} catch {
		return '';
	}
}

/**
 * Caps every axios request timeout (n8n's helpers use axios), so "past the timeout" takes a
 * second, not a minute. Calling it again changes the cap.
 */
export function capTimeouts(capMs = TIMEOUT_CAP_MS): void {
	timeoutCap = capMs;
	if (timeoutCapInstalled) return;
	timeoutCapInstalled = true;
	n8nAxios().interceptors.request.use((config) => {
		const cap = relaxedOrigins.has(originOf(config.url, config.baseURL)) ? 30_000 : timeoutCap;
		config.timeout = Math.min(config.timeout || Number.POSITIVE_INFINITY, cap);
		return config;
	});
}

/** Per input item: answered with a normal item, with an error item, or how often. */
function tally(outputs: INodeExecutionData[][], count: number) {
	const ok = new Array<number>(count).fill(0);
	const errors = new Array<number>(count).fill(0);
	for (const output of outputs) {
		for (const item of output) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			const index = typeof paired === 'number' ? paired : (paired?.item ?? -1);
			if (index < 0 || index >= count) continue;
			if (item.json.error !== undefined) errors[index]++;
			else ok[index]++;
		}
	}
	return { ok, errors };
}

export interface Check {
	/** How many records the fake holds for input item i (writes), or undefined for reads. */
	records?: (index: number) => number;
}

export function row(node: string, operation: string, writes: boolean, faults: Record<FaultKind, number>, outputs: INodeExecutionData[][], count: number, check: Check, started: number): FaultRow {
	const { ok, errors } = tally(outputs, count);
	let duplicates = 0;
	let missing = 0;
	for (let i = 0; i < count; i++) {
		if (writes && check.records) {
			const records = check.records(i);
			duplicates += Math.max(0, records - 1);
			if (records === 0 && errors[i] === 0) missing++;
		} else {
			duplicates += Math.max(0, ok[i] - 1);
			if (ok[i] === 0 && errors[i] === 0) missing++;
		}
	}
	return {
		node,
		operation,
		writes,
		faults: { ...faults },
		itemsIn: count,
		ok: ok.filter((n) => n > 0).length,
		errors: errors.filter((n, i) => n > 0 && ok[i] === 0).length,
		duplicates,
		missing,
		seconds: Math.round((Date.now() - started) / 100) / 10,
	};
}

const json = (body: unknown): StatusAnswer => ({ body });

interface Fake {
	url: string;
	close(): Promise<void>;
}

/** One operation of a system: its parameters, its input items and how the fake's state is counted. */
interface OperationSpec<F extends Fake> {
	operation: string;
	writes: boolean;
	parameters: IDataObject;
	/** The input items; may seed the fake first. */
	inputs: (fake: F, count: number) => IDataObject[];
	/** Writes: records the fake holds for input item i. */
	records?: (fake: F, inputs: IDataObject[], i: number) => number;
	/** Running a failed item again cannot write it twice (the operation finds what exists first). */
	rerunSafe?: boolean;
}

interface SystemSpec<F extends Fake> {
	node: string;
	start: (seed: number, count: number) => Promise<F>;
	nodeType: () => INodeType;
	credentialTypes: () => ICredentialType[];
	credentials: (fake: F, proxyUrl: string) => CredentialsByType;
	statusAnswer: (status: 429 | 503 | 500) => StatusAnswer;
	operations: Array<OperationSpec<F>>;
}

/**
 * Runs each operation against a fresh fake behind a fresh proxy, as several executions of
 * `chunk` items each (a scheduled workflow exporting what came since the last run).
 */
async function runSystem<F extends Fake>(spec: SystemSpec<F>, count: number, chunk: number, mix: FaultMix, seed: number): Promise<FaultRow[]> {
	const rows: FaultRow[] = [];
	for (const op of spec.operations) {
		const fake = await spec.start(seed, count);
		const proxy = await startFaultProxy({ target: fake.url, seed: seed + rows.length, statusAnswer: spec.statusAnswer, slowMs: SLOW_MS });
		try {
			const inputs = op.inputs(fake, count);
			proxy.setMix(mix);
			const started = Date.now();
			/** Runs the given input indexes in executions of `chunk` items; outputs paired to the input index. */
			const execute = async (indexes: number[]): Promise<INodeExecutionData[]> => {
				const collected: INodeExecutionData[] = [];
				for (let offset = 0; offset < indexes.length; offset += chunk) {
					const slice = indexes.slice(offset, offset + chunk);
					const result = await runNode({
						node: spec.nodeType(),
						parameters: op.parameters,
						items: slice.map((i) => inputs[i]),
						credentialTypes: spec.credentialTypes(),
						credentials: spec.credentials(fake, proxy.url),
						continueOnFail: true,
					});
					// With Continue on Fail the node itself must not fail; if it does, the execution's items are lost.
					if (result.error) throw new Error(`${spec.node} ${op.operation}: the execution failed: ${result.error.message}`);
					for (const output of result.outputs) {
						for (const item of output) {
							const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
							const index = typeof paired === 'number' ? paired : (paired?.item ?? -1);
							collected.push({ ...item, pairedItem: { item: index < 0 || index >= slice.length ? -1 : slice[index] } });
						}
					}
				}
				// Count only once every held request has reached the fake.
				await proxy.idle();
				return collected;
			};
			const collected = await execute(inputs.map((_, i) => i));
			const records = op.records;
			const result = row(spec.node, op.operation, op.writes, proxy.counts, [collected], inputs.length, { records: records && ((i) => records(fake, inputs, i)) }, started);
			if (op.writes && op.rerunSafe && records) {
				proxy.setMix({});
				const failed = tally([collected], inputs.length).errors.flatMap((n, i) => (n > 0 ? [i] : []));
				// No faults now: a generous timeout for this proxy, so a busy machine cannot fake one.
				const origin = new URL(proxy.url).origin;
				relaxedOrigins.add(origin);
				try {
					await execute(failed);
				} finally {
					relaxedOrigins.delete(origin);
				}
				let duplicates = 0;
				let missing = 0;
				for (let i = 0; i < inputs.length; i++) {
					const n = records(fake, inputs, i);
					duplicates += Math.max(0, n - 1);
					if (n === 0) missing++;
				}
				result.rerun = { items: failed.length, duplicates, missing };
				result.seconds = Math.round((Date.now() - started) / 100) / 10;
			}
			rows.push(result);
		} finally {
			await proxy.close();
			await fake.close();
		}
	}
	return rows;
}

// ---------------------------------------------------------------- Bitrix24

type FakeB24 = Awaited<ReturnType<typeof startFakeBitrix24>>;

function bitrixStatus(status: 429 | 503 | 500): StatusAnswer {
	if (status === 503) return json({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
	if (status === 429) {
		return json({ error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.', time: { operating_reset_at: Date.now() / 1000 + 0.5 } });
	}
	return json({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
}

const bitrix24: SystemSpec<FakeB24> = {
	node: 'Bitrix24',
	start: async (seed) => await startFakeBitrix24({ bucket: false, seed }),
	nodeType: () => new Bitrix24(),
	credentialTypes: () => [new Bitrix24WebhookApi()],
	credentials: (fake, proxyUrl) => ({ bitrix24WebhookApi: { ...fake.credentials, portalUrl: proxyUrl, rateLimit: 'enterprise' } }),
	statusAnswer: bitrixStatus,
	operations: [
		{
			operation: 'Order > Export',
			writes: true,
			rerunSafe: true,
			parameters: { resource: 'order', operation: 'export', funnelId: '0', orderTypes: 'all', newClientsAsLeads: false },
			inputs: (_fake, count) => Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(personOrder(i))) as IDataObject),
			records: (fake, inputs, i) => [...fake.db.deals.values()].filter((d) => d.ORIGINATOR_ID === 'pixlpark' && d.ORIGIN_ID === inputs[i].id).length,
		},
		{
			operation: 'Company > Send to Bitrix24',
			writes: true,
			rerunSafe: true,
			parameters: { resource: 'company', operation: 'sendToBitrix24' },
			inputs: (_fake, count) => Array.from({ length: count }, (_, i) => ({ customer: { type: 'company', companyName: `ООО Фолт ${i}`, inn: `77${String(10000000 + i).slice(-8)}`, phone: '+7 495 000-00-00' } })),
			records: (fake, _inputs, i) => [...fake.db.companies.values()].filter((c) => c.TITLE === `ООО Фолт ${i}`).length,
		},
		{
			operation: 'Deal > Create',
			writes: true,
			parameters: { resource: 'deal', operation: 'create', fields: { title: '={{ "Fault deal " + $json.n }}', opportunity: 100, currencyId: 'RUB' } },
			inputs: (_fake, count) => Array.from({ length: count }, (_, i) => ({ n: i })),
			records: (fake, _inputs, i) => [...fake.db.deals.values()].filter((d) => d.TITLE === `Fault deal ${i}`).length,
		},
		{
			operation: 'Timeline Comment > Add',
			writes: true,
			parameters: { resource: 'timelineComment', operation: 'add', entityType: 'deal', entityId: '={{ $json.id }}', comment: '={{ "Fault comment " + $json.n }}' },
			inputs: (fake, count) => Array.from({ length: count }, (_, i) => ({ id: seedDeal(fake.db, { TITLE: `Commented ${i}` }), n: i })),
			records: (fake, _inputs, i) => fake.db.timeline.filter((c) => c.COMMENT === `Fault comment ${i}`).length,
		},
		{
			operation: 'Product Row > Set',
			writes: true,
			rerunSafe: true,
			parameters: { resource: 'productRow', operation: 'set', dealId: '={{ $json.id }}', rowsJson: '={{ JSON.stringify([{ PRODUCT_NAME: "Fault row " + $json.n, PRICE: 700, QUANTITY: 3 }]) }}' },
			inputs: (fake, count) => Array.from({ length: count }, (_, i) => ({ id: seedDeal(fake.db, { TITLE: `Rows ${i}` }), n: i })),
			records: (fake, inputs, i) => (fake.db.productRows.get(Number(inputs[i].id)) ?? []).filter((r) => r.PRODUCT_NAME === `Fault row ${i}`).length,
		},
		{
			operation: 'Deal > Get',
			writes: false,
			parameters: { resource: 'deal', operation: 'get', id: '={{ $json.id }}', simplify: true },
			inputs: (fake, count) => Array.from({ length: count }, (_, i) => ({ id: seedDeal(fake.db, { TITLE: `Seeded ${i}` }) })),
		},
	],
};

// ---------------------------------------------------------------- Pixlpark

type FakePP = Awaited<ReturnType<typeof startFakePixlpark>>;

function pixlparkStatus(status: 429 | 503 | 500): StatusAnswer {
	const text = status === 429 ? 'Too many requests' : status === 503 ? 'Service unavailable' : 'Internal server error';
	return { body: { ApiVersion: '1.0', ResponseCode: status, ErrorMessage: text, Result: null }, headers: status === 429 ? { 'retry-after': '1' } : {} };
}

/** Every seeded order, moved to NotProcessed so that Set Status has something to change. */
function pixlparkInputs(fake: FakePP, count: number): IDataObject[] {
	const ids = [...fake.orders.keys()].slice(0, count);
	for (const id of ids) fake.orders.get(id)!.Status = 'NotProcessed';
	return ids.map((id, i) => ({ id, n: i }));
}

const pixlpark: SystemSpec<FakePP> = {
	node: 'Pixlpark',
	start: async (seed, count) => await startFakePixlpark({ orders: count, seed }),
	nodeType: () => new Pixlpark(),
	credentialTypes: () => [new PixlparkApi()],
	credentials: (fake, proxyUrl) => ({ pixlparkApi: { ...fake.credentials(), apiUrl: proxyUrl } }),
	statusAnswer: pixlparkStatus,
	operations: [
		{
			operation: 'Order > Set Status',
			writes: true,
			rerunSafe: true,
			parameters: { resource: 'order', operation: 'setStatus', orderId: '={{ $json.id }}', status: 'Printed', notify: false },
			inputs: pixlparkInputs,
			// The status is there, or the item failed; each Success beyond the first is the status applied twice.
			records: (fake, inputs, i) => {
				const id = Number(inputs[i].id);
				const applied = fake.statusChanges.filter((c) => c.orderId === id && c.result === 'Success').length;
				return fake.orders.get(id)!.Status === 'Printed' ? Math.max(1, applied) : 0;
			},
		},
		{
			operation: 'Order > Add Comment',
			writes: true,
			parameters: { resource: 'order', operation: 'addComment', orderId: '={{ $json.id }}', comment: '={{ "Fault comment " + $json.n }}', email: 'manager@shop.example' },
			inputs: pixlparkInputs,
			records: (fake, inputs, i) => (fake.comments.get(Number(inputs[i].id)) ?? []).filter((c) => c.BodySource === `Fault comment ${i}`).length,
		},
		{ operation: 'Order > Get Full', writes: false, parameters: { resource: 'order', operation: 'getFull', orderId: '={{ $json.id }}' }, inputs: pixlparkInputs },
	],
};

// ---------------------------------------------------------------- ASystem

type FakeAS = Awaited<ReturnType<typeof startFakeASystem>>;

function asystemStatus(status: 429 | 503 | 500): StatusAnswer {
	const code = status === 429 ? 'RATE_LIMITED' : status === 503 ? 'UNAVAILABLE' : 'INTERNAL_ERROR';
	return { body: { error: { code, message: `Injected ${status}` } }, headers: status === 429 ? { 'retry-after': '1' } : {} };
}

/** An Order item for ASystem's template 101 (business cards): test/asystem/helpers.ts's sample with its own id, no comments. */
function asystemOrder(i: number): IDataObject {
	const id = String(300000 + i);
	return sampleOrder({ id, number: id, comments: [] });
}

const asystem: SystemSpec<FakeAS> = {
	node: 'ASystem',
	start: async () => await startFakeASystem(),
	nodeType: () => new ASystem(),
	credentialTypes: () => [new ASystemApi()],
	credentials: (fake, proxyUrl) => ({ aSystemApi: { apiHost: proxyUrl, apiKey: fake.apiKey, ignoreSslIssues: false } }),
	statusAnswer: asystemStatus,
	operations: [
		{
			operation: 'Order > Send',
			writes: true,
			rerunSafe: true,
			parameters: { resource: 'order', operation: 'send', templateId: '101' },
			inputs: (_fake, count) => Array.from({ length: count }, (_, i) => asystemOrder(i)),
			records: (fake, inputs, i) => fake.orders.filter((o) => o.externalId === inputs[i].id).length,
		},
		{ operation: 'Template > Get', writes: false, parameters: { resource: 'template', operation: 'get', templateId: '101' }, inputs: (_fake, count) => Array.from({ length: count }, () => ({})) },
	],
};

// ---------------------------------------------------------------- HelloPrint

type FakeHP = Awaited<ReturnType<typeof startFakeHelloPrint>>;

function helloPrintStatus(status: 429 | 503 | 500): StatusAnswer {
	const text = status === 429 ? 'Too Many Attempts.' : status === 503 ? 'Service Unavailable' : 'Server Error';
	return { body: { message: text }, headers: status === 429 ? { 'retry-after': '1' } : {} };
}

function helloPrintOrder(i: number): IDataObject {
	const id = String(400000 + i);
	return {
		id,
		number: id,
		title: 'Баннер 3x1 м',
		createdAt: '2026-12-01T09:30:00.000Z',
		status: 'NewOrder',
		currency: 'RUB',
		prices: { total: 4350, discount: 0, delivery: 350, paid: 0 },
		customer: { type: 'person', id: String(500 + i), name: 'Кузнецова Мария Петровна', phone: '+7 (916) 555-12-34', email: 'maria@example.ru' },
		items: [{ id: '9001', name: 'Баннер ш/ф', sku: [{ name: 'Высота, м', value: '1' }], quantity: 1, price: 4000, total: 4000 }],
		delivery: { method: 'Курьер', address: 'Москва, ул. Тверская, 1', recipient: 'Кузнецова Мария', phone: '+79165551234', price: 350 },
		comments: [],
	};
}

const helloPrint: SystemSpec<FakeHP> = {
	node: 'HelloPrint',
	start: async () => await startFakeHelloPrint(),
	nodeType: () => new HelloPrint(),
	credentialTypes: () => [new HelloPrintApi()],
	credentials: (fake, proxyUrl) => ({ helloPrintApi: { ...fake.credentials, apiHost: fake.credentials.apiHost.replace(new URL(fake.url).origin, proxyUrl) } }),
	statusAnswer: helloPrintStatus,
	operations: [
		{
			operation: 'Order > Send',
			writes: true,
			rerunSafe: true,
			parameters: { resource: 'order', operation: 'send', managerId: 8, companyId: 1, techSiteId: 3, orderSourceId: 11, templateId: 64, templateParameters: { values: [{ parameter: 641, value: '3' }] } },
			inputs: (_fake, count) => Array.from({ length: count }, (_, i) => helloPrintOrder(i)),
			records: (fake, inputs, i) => fake.requestOrders.filter((r) => String(r.body.external_id) === inputs[i].id).length,
		},
		{ operation: 'Template > Get', writes: false, parameters: { resource: 'template', operation: 'get', templateId: 64 }, inputs: (_fake, count) => Array.from({ length: count }, () => ({})) },
	],
};

// ---------------------------------------------------------------- all

export interface RunOptions {
	size?: Size;
	seed?: number;
	/** Progress lines (default: none). */
	log?: (line: string) => void;
}

export async function runFaults(options: RunOptions = {}): Promise<FaultRow[]> {
	const size = SIZES[options.size ?? 'ci'];
	const seed = options.seed ?? 7;
	capTimeouts();
	const log = options.log ?? (() => undefined);
	const systems: Array<[string, () => Promise<FaultRow[]>]> = [
		['Bitrix24', async () => await runSystem(bitrix24, size.items, size.chunk, size.mix, seed)],
		['Pixlpark', async () => await runSystem(pixlpark, size.items, size.chunk, size.mix, seed)],
		['ASystem', async () => await runSystem(asystem, size.items, size.chunk, size.mix, seed)],
		['HelloPrint', async () => await runSystem(helloPrint, size.items, size.chunk, size.mix, seed)],
		['1C', async () => await runOneCExchange({ orders: size.items, mix: size.mix, seed })],
		[
			'Pixlpark Poll Trigger',
			async () => [
				...(await runPixlparkPoll({ changes: size.items, mix: size.mix, seed, slowMs: SLOW_MS, output: 'raw' })),
				...(await runPixlparkPoll({ changes: size.items, mix: size.mix, seed, slowMs: SLOW_MS, output: 'fullOrder' })),
			],
		],
	];
	// Systems run side by side (each has its own fake and proxy); operations of one system in turn.
	const results = await Promise.all(
		systems.map(async ([name, go]) => {
			const rows = await go();
			log(`${name}: done (${rows.map((r) => `${r.operation} ${r.seconds}s`).join(', ')})`);
			return rows;
		}),
	);
	return results.flat();
}

const KIND_LABEL: Record<FaultKind, string> = { '429': '429', '503': '503', '500': '500', reset: 'reset', slow: 'slow', stall: 'stall', lostAnswer: 'lost' };

export function faultsText(faults: Record<FaultKind, number>): string {
	return FAULT_KINDS.map((k) => `${KIND_LABEL[k]} ${faults[k]}`).join(', ');
}

/** The table in Markdown (README) form. */
export function formatTable(rows: FaultRow[]): string {
	const lines = [
		'| Node | Operation | Writes | Faults injected | Items in | Items out (ok + error) | Duplicates | Missing | Error items run again: duplicates / missing |',
		'| --- | --- | --- | --- | ---: | --- | ---: | ---: | --- |',
	];
	for (const r of rows) {
		lines.push(`| ${r.node} | ${r.operation} | ${r.writes ? 'yes' : 'no'} | ${faultsText(r.faults)} | ${r.itemsIn} | ${r.ok + r.errors} (${r.ok} + ${r.errors}) | ${r.duplicates} | ${r.missing} | ${r.rerun ? `${r.rerun.items} run again: ${r.rerun.duplicates} / ${r.rerun.missing}` : '-'} |`);
	}
	return lines.join('\n');
}

/** Writing rows with duplicates or missing items. */
export function failures(rows: FaultRow[]): FaultRow[] {
	return rows.filter((r) => r.writes && (r.duplicates > 0 || r.missing > 0 || (r.rerun !== undefined && (r.rerun.duplicates > 0 || r.rerun.missing > 0))));
}

async function main() {
	const args = process.argv.slice(2);
	const at = args.indexOf('--size');
	const size = (at >= 0 ? args[at + 1] : 'ci') as Size;
	if (size !== 'ci' && size !== 'full') throw new Error('--size must be ci or full');
	const started = Date.now();
	const rows = await runFaults({ size, log: (line) => process.stderr.write(`${line}\n`) });
	process.stdout.write(`${formatTable(rows)}\n\nSize ${size}, ${((Date.now() - started) / 1000).toFixed(0)} s; timeouts capped at ${TIMEOUT_CAP_MS} ms, slow answers held ${SLOW_MS} ms.\n`);
	const bad = failures(rows);
	if (bad.length) {
		process.stdout.write(`FAILED: ${bad.map((r) => `${r.node} ${r.operation}: ${r.duplicates} duplicates, ${r.missing} missing${r.rerun ? `; after the re-run ${r.rerun.duplicates} duplicates, ${r.rerun.missing} missing` : ''}`).join('; ')}\n`);
		process.exit(1);
	}
	process.exit(0);
}

if (require.main === module) {
	main().catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(2);
	});
}

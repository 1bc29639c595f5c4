/**
 * n8n in queue mode: a private Redis (Debian's redis-server) and a private PostgreSQL (Debian's
 * postgresql; both installed with apt-get when missing, started on free loopback ports, memory /
 * temp-folder only, stopped at the end), ONE `n8n start` (main: webhooks, UI, enqueues) and TWO
 * `n8n worker`s (run the executions), all on the same database, encryption key and user folder.
 * Example workflow 01 is imported unchanged and activated; the fake Pixlpark posts ORDERS
 * "placed" webhooks for distinct orders.
 *
 * Why PostgreSQL: n8n 2.41 starts main + workers on SQLite (it only warns "Scaling mode is not
 * officially supported with sqlite"), but its SQLite driver sets no busy timeout, so with three
 * processes writing, executions fail with SQLITE_BUSY and their orders are lost (seen here: 1 of
 * 40). QUEUE_DB=sqlite runs the same test on SQLite to show it.
 *
 * Checks: ORDERS finished executions, all successful, every one finished by a worker and the
 * two workers each ran some (each worker's log names the executions it finished: "Worker
 * finished execution N"); exactly ORDERS deals in the fake portal, one per order (no duplicate
 * ORIGIN_ID, none missing); the portal's leaky bucket (real 2 requests/s, burst 50, on a clock
 * `TIME_SCALE` times faster) never refused a request (zero 503) and the overall pace after the
 * burst stayed at or under 2 requests per portal second: the credential says `processes: 2`, so
 * each worker paces itself at half the rate and half the burst.
 *
 * Run: `npm run test:queue` (jest -c jest.queue.config.js). Env: QUEUE_ORDERS (default 500),
 * QUEUE_TIME_SCALE (default 10), QUEUE_LIVE=1 (workers run while webhooks arrive; default:
 * they start on the backlog), QUEUE_DB=sqlite, QUEUE_KEEP=1 keeps the temp folder with every log,
 * QUEUE_SUMMARY=<file> writes the numbers as JSON.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { FakeBitrix24 } from '../fakes/bitrix24';
import { startFakeBitrix24 } from '../fakes/bitrix24';
import type { FakePixlpark } from '../fakes/pixlpark';
import { startFakePixlpark } from '../fakes/pixlpark';
import type { ExecutionSummary, N8nInstance } from '../e2e/n8n';
import { startN8n } from '../e2e/n8n';
import type { Guarded, Postgres } from './processes';
import { executionsFinishedBy, startPostgres, startRedis, startWorker } from './processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ORDERS = Number(process.env.QUEUE_ORDERS ?? 500);
const TIME_SCALE = Number(process.env.QUEUE_TIME_SCALE ?? 10);
const DB = process.env.QUEUE_DB === 'sqlite' ? 'sqlite' : 'postgres';
const WORKERS = 2;
// Default: the workers start once all webhooks are queued in Redis (a backlog, e.g. after an
// outage), so the portal's bucket, not the main's webhook intake, is the bottleneck and the
// pacing is really tested. QUEUE_LIVE=1 starts them first, executions run as webhooks arrive.
const BACKLOG = process.env.QUEUE_LIVE !== '1';
const WORKER_CONCURRENCY = 10;
const PLAN = { requestsPerSecond: 2, burst: 50 }; // Bitrix24 standard plan
const SECRET = 'change-me-to-a-long-random-secret';
const FIRST_ORDER = 1001;

const workflow: Json = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-examples', '01-pixlpark-order-to-bitrix24-deal.json'), 'utf8'));
const webhookId = workflow.nodes.find((n: Json) => String(n.type).endsWith('.pixlparkTrigger')).webhookId as string;

// Only under jest.queue.config.js (it sets this global): the unit suite's `jest` also matches
// test/**/*.test.ts, and this run takes minutes and starts processes.
const enabled = (globalThis as Json).__PIXLPARK_QUEUE_TEST__ === true;
const suite = enabled ? describe : describe.skip;

let dir = '';
let postgres: Postgres | undefined;
let redis: (Guarded & { port: number }) | undefined;
let n8n: N8nInstance | undefined;
const workers: Guarded[] = [];
let portal: FakeBitrix24;
let pixlpark: FakePixlpark;
let failed = false;

function say(text: string) {
	process.stdout.write(`[queue] ${text}\n`);
}

suite('n8n queue mode', () => {
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
		portal = await startFakeBitrix24({ bucket: { capacity: PLAN.burst, drainPerSecond: PLAN.requestsPerSecond }, timeScale: TIME_SCALE });
		pixlpark = await startFakePixlpark({ orders: ORDERS });
		redis = await startRedis(dir);
		say(`redis-server on 127.0.0.1:${redis.port}`);
		let dbEnv: Record<string, string>;
		if (DB === 'postgres') {
			postgres = await startPostgres(dir);
			say(`PostgreSQL on 127.0.0.1:${postgres.port}`);
			dbEnv = {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: postgres.database,
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
			};
		} else {
			dbEnv = { DB_TYPE: 'sqlite' };
		}
		n8n = await startN8n({
			userFolder: join(dir, 'n8n'),
			env: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				QUEUE_HEALTH_CHECK_ACTIVE: 'false',
				...dbEnv,
			},
		});
		say(`n8n main on ${n8n.baseUrl} (EXECUTIONS_MODE=queue, database ${dbEnv.DB_TYPE})`);
		if (!BACKLOG) await startWorkers();
		await n8n.importCredentials([
			{
				id: 'sandboxBitrix241',
				name: 'Sandbox Bitrix24',
				type: 'bitrix24WebhookApi',
				data: {
					...portal.credentials,
					// The plan's real limits on the fake's faster clock; the two workers share it.
					rateLimit: 'custom',
					requestsPerSecond: PLAN.requestsPerSecond * TIME_SCALE,
					burst: PLAN.burst,
					processes: WORKERS,
				},
			},
			{ id: 'sandboxPixlpark1', name: 'Sandbox Pixlpark', type: 'pixlparkApi', data: pixlpark.credentials() },
		]);
	}, 300_000);

	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) failed = true;
	});

	afterAll(async () => {
		for (const worker of workers) await worker.stop().catch(() => undefined);
		await n8n?.stop().catch(() => undefined);
		await redis?.stop().catch(() => undefined);
		await postgres?.stop().catch(() => undefined);
		await Promise.all([portal?.close(), pixlpark?.close()]);
		if (process.env.QUEUE_KEEP === '1' || failed) say(`logs kept in ${dir}`);
		else if (dir) rmSync(dir, { recursive: true, force: true });
	}, 60_000);

	const latencies: number[] = [];
	let singleMs = 0;

	async function startWorkers() {
		const started = await Promise.all(Array.from({ length: WORKERS }, (_, i) => startWorker(n8n!, `worker${i + 1}`, WORKER_CONCURRENCY)));
		workers.push(...started);
		say(`${WORKERS} n8n workers ready (concurrency ${WORKER_CONCURRENCY} each)`);
	}

	/** Posts the webhooks `parallel` at a time; returns the HTTP statuses seen. */
	async function postOrders(url: string, parallel: number): Promise<Record<number, number>> {
		const statuses: Record<number, number> = {};
		// The first alone (its answer time is the single-webhook latency), then `parallel` lanes.
		let next = 0;
		const lone = Date.now();
		const first = await pixlpark.sendWebhook(url, 'placed', FIRST_ORDER + next++, { secret: SECRET }).catch(() => ({ status: 0 }));
		latencies.push(Date.now() - lone);
		singleMs = Date.now() - lone;
		statuses[first.status] = 1;
		async function lane() {
			while (next < ORDERS) {
				const orderId = FIRST_ORDER + next++;
				const sentAt = Date.now();
				const answer = await pixlpark.sendWebhook(url, 'placed', orderId, { secret: SECRET }).catch(() => ({ status: 0 }));
				latencies.push(Date.now() - sentAt);
				statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
			}
		}
		await Promise.all(Array.from({ length: parallel }, lane));
		return statuses;
	}

	/**
	 * The workflow's executions. On PostgreSQL straight from n8n's execution table: n8n's REST list
	 * sorts by start time but pages by id, so in queue mode (workers start jobs out of id order) its
	 * pages repeat some executions and skip others. On SQLite (no client here) the REST list, one
	 * entry per id.
	 */
	async function executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
		if (postgres) {
			const rows = postgres.query(`select id, status, finished, mode from execution_entity where "workflowId" = '${workflowId.replace(/'/g, "''")}'`);
			return rows.map(([eid, status, finished, mode]) => ({
				id: eid,
				workflowId,
				status,
				mode,
				finished: finished === 't' || ['success', 'error', 'crashed', 'canceled'].includes(status),
			}));
		}
		const byId = new Map<string, ExecutionSummary>();
		for (const e of await n8n!.listExecutions(workflowId)) if (!byId.has(e.id) || e.finished) byId.set(e.id, e);
		return [...byId.values()];
	}

	async function waitFinished(workflowId: string, timeoutMs: number): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		let seen: ExecutionSummary[] = [];
		let lastReport = 0;
		while (Date.now() < deadline) {
			seen = await executionsOf(workflowId);
			const finished = seen.filter((e) => e.finished).length;
			if (seen.length >= ORDERS && finished === seen.length) return seen;
			if (Date.now() - lastReport > 15_000) {
				lastReport = Date.now();
				say(`${finished}/${ORDERS} executions finished, ${portal.db.deals.size} deals, ${portal.stats.requests} portal requests`);
			}
			for (const w of workers) if (w.exitCode() !== undefined) throw new Error(`${w.name} died (${w.exitCode()}):\n${w.logs().slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 2000));
		}
		throw new Error(`${seen.filter((e) => e.finished).length} of ${ORDERS} executions finished in ${timeoutMs} ms`);
	}

	test(`queue mode: ${ORDERS} orders through workflow 01 on one main and ${WORKERS} workers`, async () => {
		const main = n8n!;
		const id = await main.importWorkflow(workflow);
		await main.activateWorkflow(id);
		const started = Date.now();

		const statuses = await postOrders(main.webhookUrl(`${webhookId}/pixlpark`), 20);
		const postedMs = Date.now() - started;
		say(`${ORDERS} webhooks posted in ${(postedMs / 1000).toFixed(1)} s, answers ${JSON.stringify(statuses)}`);
		expect(statuses).toEqual({ 200: ORDERS });
		if (BACKLOG) {
			// Every order waits in Redis; nothing reached the portal yet.
			expect(portal.stats.requests).toBe(0);
			await startWorkers();
		}
		const drainStarted = Date.now();

		await waitFinished(id, 300_000);
		const executions = await executionsOf(id);
		const wallMs = Date.now() - started;
		const drainMs = Date.now() - drainStarted;

		// Executions: ORDERS, all successful, all run by the workers, spread over both.
		const byStatus: Record<string, number> = {};
		for (const e of executions) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
		const perWorker = workers.map((w) => executionsFinishedBy(w));
		const ids = new Set(executions.map((e) => e.id));
		const onWorkers = new Set(perWorker.flatMap((s) => [...s]));
		const overlap = [...perWorker[0]].filter((e) => perWorker[1].has(e)).length;

		// Portal: one deal per order, no duplicate ORIGIN_ID, the bucket never overflowed.
		const deals = [...portal.db.deals.values()];
		const perOrigin = new Map<string, number>();
		for (const d of deals) perOrigin.set(String(d.ORIGIN_ID), (perOrigin.get(String(d.ORIGIN_ID)) ?? 0) + 1);
		const duplicates = [...perOrigin.values()].filter((n) => n > 1).length;
		const missing = Array.from({ length: ORDERS }, (_, i) => String(FIRST_ORDER + i)).filter((o) => !perOrigin.has(o));
		const log = portal.requestLog;
		const portalSeconds = log.length > 1 ? ((log[log.length - 1].at - log[0].at) / 1000) * TIME_SCALE : 0;
		const rate = portalSeconds > 0 ? (log.length - PLAN.burst) / portalSeconds : 0;

		const sorted = [...latencies].sort((a, b) => a - b);
		const summary = {
			orders: ORDERS,
			executions: executions.length,
			executionStatus: byStatus,
			perWorker: Object.fromEntries(workers.map((w, i) => [w.name, perWorker[i].size])),
			deals: deals.length,
			duplicateOriginIds: duplicates,
			missingOrders: missing.length,
			portalRequests: portal.stats.requests,
			portalRequestsByMethod: portal.stats.byMethod,
			rejected503: portal.stats.rejected503,
			rejected429: portal.stats.rejected429,
			portalSeconds: Math.round(portalSeconds),
			requestsPerPortalSecondAfterBurst: Number(rate.toFixed(2)),
			wallSeconds: Math.round(wallMs / 1000),
			workersDrainSeconds: Math.round(drainMs / 1000),
			mode: BACKLOG ? 'backlog: workers start after every webhook is queued' : 'live: workers run while webhooks arrive',
			webhookAnswerMs: { single: singleMs, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] },
			pixlparkApiRequests: pixlpark.requests.length,
			timeScale: TIME_SCALE,
			database: DB,
		};
		say(`result ${JSON.stringify(summary, null, 2)}`);
		writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
		if (process.env.QUEUE_SUMMARY) writeFileSync(process.env.QUEUE_SUMMARY, JSON.stringify(summary, null, 2));

		expect(executions).toHaveLength(ORDERS);
		expect(byStatus).toEqual({ success: ORDERS });
		expect(onWorkers.size).toBe(ORDERS);
		expect([...ids].filter((e) => !onWorkers.has(e))).toEqual([]);
		expect(overlap).toBe(0);
		for (const s of perWorker) expect(s.size).toBeGreaterThan(0);
		expect(deals).toHaveLength(ORDERS);
		expect(duplicates).toBe(0);
		expect(missing).toEqual([]);
		expect(portal.stats.rejected503).toBe(0);
		expect(portal.stats.rejected429).toBe(0);
		// Overall pace within the plan: after the burst, at most 2 requests per portal second.
		expect(rate).toBeLessThanOrEqual(PLAN.requestsPerSecond * 1.001);
		// And the main itself ran none of them: in queue mode every execution went to a worker.
		expect(main.logs()).not.toMatch(/Worker finished execution/);
	}, 720_000);
});

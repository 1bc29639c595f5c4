/**
 * 1C under faults. 1C pulls: the fake 1C client (test/fakes/onec) drives the exchange protocol
 * (checkauth, init, query, success) against the 1C Exchange Trigger served over HTTP the way
 * n8n's webhook server does (a copy of test/onec/harness.ts without jest, so that the runner also
 * works outside jest), with the fault proxy in between. The query runs the rest of the workflow
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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INode, IWebhookData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { FaultRow } from '../../scripts/faults';
import { OneCExchangeApi } from '../../credentials/OneCExchangeApi.credentials';
import { OneCExchangeTrigger } from '../../nodes/OneCPolygraphy/OneCExchangeTrigger.node';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { documentIds, OneCClient } from '../fakes/onec';
import { runNode, TestCredentialsHelper } from '../helpers/engine';
import { startFaultProxy, type FaultMix } from './proxy';

const LOGIN = 'site-exchange';
const PASSWORD = 'Faults-1C-pass!';

/** Any property not set is a function that does nothing (stands in for n8n's database-backed parts). */
function stub<T extends object>(initial: Partial<T> = {}): T {
	const values: Record<string | symbol, unknown> = { ...initial };
	return new Proxy(values, {
		get: (target, key) => (key in target ? target[key] : key === 'then' ? undefined : (target[key] = () => undefined)),
		set: (target, key, value) => {
			target[key] = value;
			return true;
		},
	}) as T;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
	});
}

/** The 1C Exchange Trigger + Answer 1C Exchange Query workflow over HTTP (see test/onec/harness.ts). */
async function startExchange(source: () => IDataObject[]) {
	let database = '{}';
	const trigger = new OneCExchangeTrigger();
	const polygraphy = new OneCPolygraphy();
	const credentialTypes = [new OneCExchangeApi()];
	const triggerNode: INode = {
		id: 'trigger',
		name: '1C Exchange Trigger',
		type: 'test.oneCExchangeTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { options: {} },
		credentials: { oneCExchangeApi: { id: '1', name: '1C' } },
		webhookId: 'onec',
	};

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const rawBody = await readBody(req);
		const staticData = JSON.parse(database) as IDataObject;
		const workflow = new Workflow({
			id: 'onec-workflow',
			nodes: [triggerNode],
			connections: {},
			nodeTypes: { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) },
			active: true,
			staticData,
		});
		let status = 200;
		let sent = false;
		const headers: Record<string, string> = {};
		const response = {
			status(code: number) {
				status = code;
				return response;
			},
			setHeader(name: string, value: string) {
				headers[name] = value;
				return response;
			},
			send(body: string) {
				sent = true;
				res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
				res.end(body);
				return response;
			},
		};
		const additionalData = stub<IWorkflowExecuteAdditionalData>();
		additionalData.credentialsHelper = new TestCredentialsHelper(Object.fromEntries(credentialTypes.map((t) => [t.name, t])), { oneCExchangeApi: { login: LOGIN, password: PASSWORD } });
		additionalData.httpRequest = { method, headers: req.headers, query: Object.fromEntries(url.searchParams), params: {}, body: {}, rawBody } as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		additionalData.executionId = '1';
		additionalData.restartExecutionId = undefined;
		const description = trigger.description.webhooks!.find((w) => w.httpMethod === method)!;
		const webhookData = { httpMethod: method, node: triggerNode.name, path: 'exchange', webhookDescription: description, workflowId: 'onec-workflow' } as unknown as IWebhookData;
		const context = new WebhookContext(workflow, triggerNode, additionalData, 'webhook', webhookData, [], null);
		const result = await trigger.webhook.call(context);
		if ((staticData as { __dataChanged?: boolean }).__dataChanged === true) database = JSON.stringify(staticData);
		if (result.noWebhookResponse) {
			if (!sent) res.end();
			return;
		}
		if (result.workflowData === undefined) {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(String(result.webhookResponse ?? ''));
			return;
		}
		if (method === 'POST') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(String(description.responseData));
			return;
		}
		const runStatic = JSON.parse(database) as IDataObject;
		const queryItem = result.workflowData[0][0].json;
		const run = await runNode({
			node: polygraphy,
			parameters: { resource: 'order', operation: 'answerExchangeQuery', session: queryItem.session, fileEncoding: 'windows-1251' },
			items: source(),
			staticData: runStatic,
			mode: 'webhook',
		});
		if (run.error) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}
		if ((runStatic as { __dataChanged?: boolean }).__dataChanged === true) database = JSON.stringify(runStatic);
		const binary = run.outputs[0][0].binary!.data;
		res.writeHead(200, { 'content-type': binary.mimeType });
		res.end(Buffer.from(binary.data, 'base64'));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (res.headersSent) return void res.end();
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(`harness: ${error.message}`);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

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
	const exchange = await startExchange(() => all.slice(0, available));
	const proxy = await startFaultProxy({ target: exchange.url, seed: options.seed + 100, statusAnswer: oneCStatus });
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

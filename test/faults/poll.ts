/**
 * Pixlpark Poll Trigger under faults: orders are placed and changed between polls; each poll runs
 * the trigger's `poll` in n8n-core's PollContext against the fake Pixlpark through the fault
 * proxy. As in n8n, a poll that throws saves nothing (the static data of that poll is dropped) and
 * the next poll starts from the last saved position; the last poll runs without faults.
 * Counted from the fake's changes: each order version (id + DateModified) made between polls must
 * be emitted once: twice is a duplicate, never is missing. No jest imports.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { FaultRow } from '../../scripts/faults';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { PixlparkPollTrigger } from '../../nodes/Pixlpark/PixlparkPollTrigger.node';
import { startFakePixlpark } from '../fakes/pixlpark';
import { TestCredentialsHelper, type CredentialsByType } from '../helpers/engine';
import { startFaultProxy, type FaultMix, type StatusAnswer } from './proxy';

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

const NODE_NAME = 'Pixlpark Poll Trigger';

async function pollOnce(parameters: IDataObject, store: CredentialsByType, staticData: IDataObject | undefined) {
	const trigger = new PixlparkPollTrigger();
	const node: INode = {
		id: 'trigger',
		name: NODE_NAME,
		type: 'test.pixlparkPollTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { pixlparkApi: { id: '1', name: 'Pixlpark' } },
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		nodeTypes: { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) },
		active: true,
		staticData: staticData ? (JSON.parse(JSON.stringify(staticData)) as IDataObject) : undefined,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = stub<IWorkflowExecuteAdditionalData>({ currentNodeParameters: undefined });
	additionalData.credentialsHelper = new TestCredentialsHelper({ pixlparkApi: new PixlparkApi() }, store);
	additionalData.executionTimeoutTimestamp = undefined;
	additionalData.restartExecutionId = undefined;
	additionalData.evalLlmMockHandler = undefined;
	additionalData.encryptedRunnerIdentity = undefined;
	additionalData.executionId = '1';
	additionalData.instanceBaseUrl = 'http://127.0.0.1/';
	additionalData.variables = {};
	const context = new PollContext(workflow, workflow.getNode(NODE_NAME)!, additionalData, 'trigger', 'activate');
	const output = await trigger.poll.call(context);
	return { items: output?.[0] ?? [], staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
}

function pixlparkStatus(status: 429 | 503 | 500): StatusAnswer {
	return { body: { ApiVersion: '1.0', ResponseCode: status, ErrorMessage: `Injected ${status}`, Result: null } };
}

export interface PollFaultOptions {
	/** Order changes in all (new orders and changes of existing ones). */
	changes: number;
	mix: FaultMix;
	seed: number;
	slowMs: number;
	/** The trigger's Output: the raw order (one call per page) or the full Order item (more calls per order). */
	output: 'raw' | 'fullOrder';
}

export async function runPixlparkPoll(options: PollFaultOptions): Promise<FaultRow[]> {
	const fake = await startFakePixlpark({ orders: Math.ceil(options.changes / 2) + 5, seed: options.seed });
	const proxy = await startFaultProxy({ target: fake.url, seed: options.seed + (options.output === 'raw' ? 200 : 300), statusAnswer: pixlparkStatus, slowMs: options.slowMs, ensureEachKind: false });
	const started = Date.now();
	const store: CredentialsByType = { pixlparkApi: { ...fake.credentials(), apiUrl: proxy.url } };
	const parameters = { event: 'newOrChanged', output: options.output, options: { pageSize: 5 } };
	const expected = new Set<string>();
	const emitted = new Map<string, number>();
	const seen = new Set<number>(fake.orders.keys());
	let saved: IDataObject | undefined;
	let failedPolls = 0;
	try {
		// Activation: remembers where it starts (no faults, as when the workflow is switched on).
		saved = (await pollOnce(parameters, store, undefined)).staticData;
		// A poll reads several pages (and, for Order Items, each order's lines, customer and comments)
		// and fails as a whole at its first fault: at the full rate hardly any poll would succeed.
		proxy.setMix(Object.fromEntries(Object.entries(options.mix).map(([kind, p]) => [kind, (p ?? 0) / 3])));
		const perRound = 2;
		const rounds = Math.ceil(options.changes / perRound);
		const untouched = [...fake.orders.keys()];
		for (let round = 0; round <= rounds; round++) {
			if (round < rounds) {
				for (let k = 0; k < perRound && expected.size < options.changes; k++) {
					// A new order, then a change of an order never changed before.
					const order = k === 0 || untouched.length === 0 ? fake.addOrder() : fake.touchOrder(untouched.shift()!, undefined, { Status: 'Printing' });
					seen.add(order.Id as number);
					expected.add(`${order.Id}@${order.DateModified}`);
				}
			} else {
				proxy.setMix({});
			}
			try {
				const result = await pollOnce(parameters, store, saved);
				saved = result.staticData;
				for (const item of result.items) {
					const id = String(item.json.id ?? item.json.Id);
					const raw = fake.orders.get(Number(id));
					const key = `${id}@${raw?.DateModified}`;
					emitted.set(key, (emitted.get(key) ?? 0) + 1);
				}
			} catch {
				// n8n reports the error and keeps the last saved position.
				failedPolls++;
			}
		}
		await proxy.idle();
	} finally {
		await proxy.close();
		await fake.close();
	}
	let duplicates = 0;
	for (const n of emitted.values()) duplicates += Math.max(0, n - 1);
	const missing = [...expected].filter((k) => !emitted.has(k)).length;
	return [
		{
			node: 'Pixlpark Poll Trigger',
			operation: `New or Changed, ${options.output === 'raw' ? 'Raw Order' : 'Order Item'} (${failedPolls} of ${Math.ceil(options.changes / 2) + 1} polls failed)`,
			writes: true,
			faults: { ...proxy.counts },
			itemsIn: expected.size,
			ok: [...expected].filter((k) => emitted.has(k)).length,
			errors: 0,
			duplicates,
			missing,
			seconds: Math.round((Date.now() - started) / 100) / 10,
		},
	];
}

/**
 * Serves the 1C Exchange Trigger over real HTTP the way n8n's webhook server does, so that the
 * fake 1C client (test/fakes/onec) can drive the protocol step by step:
 * - each request gets a FRESH copy of the workflow's static data from a "database" (a JSON
 *   string) and it is saved back only when n8n would save it (`__dataChanged`), as in queue mode;
 * - the trigger's webhook() runs in n8n-core's WebhookContext;
 * - GET with workflow data (mode=query) runs the rest of the workflow in n8n's engine (runNode:
 *   the orders source feeding 1C Polygraphy "Answer 1C Exchange Query") and answers with the last
 *   node's first binary (responseMode lastNode / firstEntryBinary); a failed run answers 500;
 * - POST with workflow data (mode=file) answers the trigger's webhookResponse (onReceived).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWebhookData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { OneCExchangeApi } from '../../credentials/OneCExchangeApi.credentials';
import { OneCExchangeTrigger } from '../../nodes/OneCPolygraphy/OneCExchangeTrigger.node';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { runNode, stub, TestCredentialsHelper } from '../helpers/engine';

export interface HarnessOptions {
	login: string;
	password: string;
	/** The orders the workflow's source returns on each query (Order items). */
	source: () => IDataObject[];
	/** Make the source fail (1C then gets 500). */
	sourceFails?: () => boolean;
	triggerOptions?: IDataObject;
	answerParameters?: IDataObject;
}

export interface Harness {
	url: string;
	/** The saved static data, as n8n's database holds it. */
	stored: () => IDataObject;
	/** Items the trigger emitted (both outputs), in order. */
	emitted: Array<{ output: number; items: INodeExecutionData[] }>;
	close: () => Promise<void>;
}

const trigger = new OneCExchangeTrigger();
const polygraphy = new OneCPolygraphy();

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
	});
}

export async function startExchangeHarness(options: HarnessOptions): Promise<Harness> {
	let database = '{}';
	const emitted: Harness['emitted'] = [];
	const credentialTypes = [new OneCExchangeApi()];
	const triggerNode: INode = {
		id: 'trigger',
		name: '1C Exchange Trigger',
		type: 'test.oneCExchangeTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { options: (options.triggerOptions ?? {}) as INode['parameters'] },
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
		const saveIfChanged = () => {
			if ((staticData as { __dataChanged?: boolean }).__dataChanged === true) database = JSON.stringify(staticData);
		};
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
		const httpRequest = { method, headers: req.headers, query: Object.fromEntries(url.searchParams), params: {}, body: {}, rawBody };
		const additionalData = stub<IWorkflowExecuteAdditionalData>();
		additionalData.credentialsHelper = new TestCredentialsHelper(Object.fromEntries(credentialTypes.map((t) => [t.name, t])), { oneCExchangeApi: { login: options.login, password: options.password } });
		additionalData.httpRequest = httpRequest as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		additionalData.executionId = '1';
		additionalData.restartExecutionId = undefined;
		const description = trigger.description.webhooks!.find((w) => w.httpMethod === method)!;
		const webhookData = { httpMethod: method, node: triggerNode.name, path: 'exchange', webhookDescription: description, workflowId: 'onec-workflow' } as unknown as IWebhookData;
		const context = new WebhookContext(workflow, triggerNode, additionalData, 'webhook', webhookData, [], null);
		const result = await trigger.webhook.call(context);
		saveIfChanged();
		if (result.noWebhookResponse) {
			if (!sent) res.end();
			return;
		}
		if (result.workflowData === undefined) {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(String(result.webhookResponse ?? ''));
			return;
		}
		result.workflowData.forEach((items, output) => items.length && emitted.push({ output, items }));
		if (method === 'POST') {
			// onReceived: n8n answers the description's responseData (a literal body) once the execution started.
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(String(description.responseData));
			return;
		}
		// The rest of the workflow, as a new execution on a worker: its own fresh copy of the static data.
		const runStatic = JSON.parse(database) as IDataObject;
		const queryItem = result.workflowData[0][0].json;
		if (options.sourceFails?.()) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}
		const run = await runNode({
			node: polygraphy,
			parameters: { resource: 'order', operation: 'answerExchangeQuery', session: queryItem.session, fileEncoding: 'windows-1251', ...(options.answerParameters ?? {}) },
			items: options.source(),
			staticData: runStatic,
			mode: 'webhook',
		});
		if (run.error) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}
		// n8n saves the execution's static data before it answers (workflowExecuteAfter hook).
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
		url: `http://127.0.0.1:${port}/webhook/onec/exchange`,
		stored: () => JSON.parse(database) as IDataObject,
		emitted,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

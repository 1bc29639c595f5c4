/**
 * n8n-core's real PollContext and WebhookContext for this package's triggers, with the same
 * in-memory credentials helper as the engine harness (it runs each credential type's own
 * preAuthentication and authenticate). Static data is JSON-copied between runs, as n8n saves it.
 */
import { mock } from 'jest-mock-extended';
import { PollContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { TestCredentialsHelper, type CredentialsByType } from '../helpers/engine';

export interface TriggerSetup {
	node: INodeType;
	parameters: IDataObject;
	credentialTypes: ICredentialType[];
	credentials: CredentialsByType;
	staticData?: IDataObject;
}

const NODE_NAME = 'Trigger Under Test';

function build(setup: TriggerSetup) {
	const type = `test.${setup.node.description.name}`;
	const credentials: INode['credentials'] = {};
	for (const c of setup.node.description.credentials ?? []) credentials[c.name] = { id: '1', name: c.name };
	const node: INode = {
		id: 'trigger',
		name: NODE_NAME,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: setup.parameters as INode['parameters'],
		credentials,
		webhookId: 'hook-1',
	};
	const nodeTypes: INodeTypes = {
		getByName: () => setup.node,
		getByNameAndVersion: () => setup.node,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		staticData: setup.staticData ? JSON.parse(JSON.stringify(setup.staticData)) : undefined,
		settings: { executionOrder: 'v1' },
	});
	const store: CredentialsByType = { ...setup.credentials };
	const credentialsHelper = new TestCredentialsHelper(Object.fromEntries(setup.credentialTypes.map((t) => [t.name, t])), store);
	const additionalData = mock<IWorkflowExecuteAdditionalData>({ currentNodeParameters: undefined });
	additionalData.credentialsHelper = credentialsHelper;
	additionalData.executionTimeoutTimestamp = undefined;
	additionalData.restartExecutionId = undefined;
	additionalData.evalLlmMockHandler = undefined;
	additionalData.encryptedRunnerIdentity = undefined;
	additionalData.executionId = '1';
	additionalData.instanceBaseUrl = 'http://127.0.0.1/';
	additionalData.webhookBaseUrl = 'http://127.0.0.1/webhook/';
	additionalData.webhookTestBaseUrl = 'http://127.0.0.1/webhook-test/';
	additionalData.variables = {};
	return { workflow, node: workflow.getNode(NODE_NAME)!, additionalData, credentialsHelper, store };
}

/** Calls the node's `poll` once in n8n-core's PollContext; returns its output and the static data to keep. */
export async function pollOnce(setup: TriggerSetup, mode: WorkflowExecuteMode = 'trigger') {
	const { workflow, node, additionalData, store } = build(setup);
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	const output = await setup.node.poll!.call(context);
	return {
		items: output?.[0] ?? [],
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		credentials: store,
	};
}

export interface FakeRequest {
	headers: Record<string, string>;
	params: Record<string, string>;
	query: Record<string, string>;
	body: unknown;
}

/** A minimal express-like response that records what the node answered. */
export class RecordedResponse {
	statusCode = 200;
	body: unknown;
	headers: Record<string, string> = {};
	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}

	send(body: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}

	end(body?: unknown) {
		if (body !== undefined) this.body = body;
		this.ended = true;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string, value: string) {
		return this.setHeader(name, value);
	}
}

/** Calls the node's `webhook` once in n8n-core's WebhookContext with a hand-built request. */
export async function webhookOnce(setup: TriggerSetup, request: FakeRequest) {
	const { workflow, node, additionalData, store } = build(setup);
	const res = new RecordedResponse();
	const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
	additionalData.httpRequest = { headers, params: request.params, query: request.query, body: request.body, rawBody: Buffer.from(JSON.stringify(request.body ?? '')) } as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookData = mock<IWebhookData>({ httpMethod: 'POST', node: NODE_NAME, path: 'pixlpark', webhookDescription: { name: 'default', httpMethod: 'POST', path: 'pixlpark' } });
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	const result = await setup.node.webhook!.call(context);
	return { result, response: res, credentials: store };
}

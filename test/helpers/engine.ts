/**
 * Runs this package's nodes inside n8n's own engine (n8n-core's WorkflowExecute and node
 * execution contexts) with real HTTP to the fake servers on 127.0.0.1. Only the database-backed
 * parts of n8n (credential storage) are replaced, by an in-memory credentials helper that
 * applies each credential type's own `authenticate` and `preAuthentication`, as n8n does.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

/**
 * Stands in for the parts of n8n's additional data that need its database: any property not set
 * explicitly is a function that does nothing (so the harness also runs outside jest, e.g. in benchmarks).
 */
export function stub<T extends object>(initial: Partial<T> = {}): T {
	const values: Record<string | symbol, unknown> = { ...initial };
	return new Proxy(values, {
		get: (target, key) => (key in target ? target[key] : key === 'then' ? undefined : (target[key] = () => undefined)),
		set: (target, key, value) => {
			target[key] = value;
			return true;
		},
		has: () => true,
	}) as T;
}

export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/** Resolves `={{$credentials.x}}` and `=text {{$credentials.x}} text` as n8n's expression engine would. */
function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const template = value.slice(1);
	const whole = /^\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(template);
	if (whole) return credentials[whole[1]];
	return template.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every credential update n8n would persist (preAuthentication results). */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly store: CredentialsByType,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const options = { ...requestOptions } as IHttpRequestOptions & Record<string, unknown>;
		for (const section of ['headers', 'qs', 'body'] as const) {
			const extra = auth.properties[section];
			if (!extra) continue;
			const resolved: IDataObject = {};
			for (const [key, value] of Object.entries(extra)) resolved[key] = resolveCredentialExpression(value, credentials) as IDataObject[string];
			options[section] = { ...((options[section] as IDataObject) ?? {}), ...resolved };
		}
		if (auth.properties.auth) {
			const basic = auth.properties.auth as { username: string; password: string };
			options.auth = {
				username: String(resolveCredentialExpression(basic.username, credentials)),
				password: String(resolveCredentialExpression(basic.password, credentials)),
			};
		}
		return options;
	}

	async preAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, typeName: string, _node: INode, credentialsExpired: boolean) {
		const type = this.credentialTypes[typeName];
		if (!type?.preAuthentication) return undefined;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		if (!credentialsExpired && credentials[expirable.name] !== undefined && credentials[expirable.name] !== '') return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		const updated = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		this.store[typeName] = updated;
		this.updates.push({ type: typeName, data: updated });
		return updated;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _details: unknown, type: string) {
		const data = this.store[type];
		if (!data) throw new Error(`test: no credentials of type ${type}`);
		return { ...data };
	}

	async getCredentials(): Promise<never> {
		throw new Error('test: getCredentials is not used by these nodes');
	}

	async updateCredentials(_details: unknown, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = data;
	}

	async updateCredentialsOauthTokenData() {}

	isCredentialUsableByNode() {
		return true;
	}
}

/** A node that emits the test's input items, so the node under test gets real connection data. */
class TestInput implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items given by the test',
		defaults: { name: 'Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as INodeExecutionData[];
		return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}

function nodeTypesOf(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	const all: Record<string, INodeType | IVersionedNodeType> = { 'test.testInput': new TestInput(), ...types };
	return {
		getByName: (name) => all[name],
		getByNameAndVersion: (name, version) => {
			const type = all[name];
			if (!type) throw new Error(`test: unknown node type ${name}`);
			return 'nodeVersions' in type ? type.getNodeType(version) : type;
		},
		getKnownTypes: () => ({}),
	};
}

export interface RunNodeOptions {
	/** The node class instance under test. */
	node: INodeType;
	/** Parameters of the node as a user would set them. */
	parameters: IDataObject;
	/** Input items (json only or full items). */
	items?: Array<IDataObject | INodeExecutionData>;
	credentialTypes?: ICredentialType[];
	credentials?: CredentialsByType;
	continueOnFail?: boolean;
	typeVersion?: number;
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
}

export interface RunNodeResult {
	/** Items of each output of the node under test. */
	outputs: INodeExecutionData[][];
	/** The first output's json, for the common case. */
	json: IDataObject[];
	/** The node's error when it failed (with Continue on Fail off). */
	error?: Error & { description?: string; context?: IDataObject };
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

const NODE_NAME = 'Under Test';

function toItem(item: IDataObject | INodeExecutionData): INodeExecutionData {
	return 'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject };
}

function buildWorkflow(options: RunNodeOptions, credentialTypes: ICredentialType[]) {
	const typeName = `test.${options.node.description.name}`;
	const credentials: INode['credentials'] = {};
	for (const c of options.node.description.credentials ?? []) {
		if (credentialTypes.some((t) => t.name === c.name)) credentials[c.name] = { id: '1', name: c.name };
	}
	const underTest: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: typeName,
		typeVersion: options.typeVersion ?? (Array.isArray(options.node.description.version) ? Math.max(...options.node.description.version) : options.node.description.version),
		position: [200, 0],
		parameters: options.parameters as INode['parameters'],
		credentials,
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const input: INode = {
		id: 'input',
		name: 'Input',
		type: 'test.testInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify((options.items ?? [{}]).map(toItem)) },
	};
	return new Workflow({
		id: 'test-workflow',
		nodes: [input, underTest],
		connections: { Input: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: nodeTypesOf({ [typeName]: options.node }),
		active: false,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
}

function additionalDataFor(credentialsHelper: TestCredentialsHelper, hooks?: ExecutionLifecycleHooks) {
	const additionalData = stub<IWorkflowExecuteAdditionalData>({ currentNodeParameters: undefined });
	additionalData.credentialsHelper = credentialsHelper;
	if (hooks) additionalData.hooks = hooks;
	additionalData.executionTimeoutTimestamp = undefined;
	additionalData.restartExecutionId = undefined;
	additionalData.evalLlmMockHandler = undefined;
	// The stub answers every unknown property with a function; n8n reads these as optional data.
	additionalData.encryptedRunnerIdentity = undefined;
	additionalData.executionId = '1';
	additionalData.webhookWaitingBaseUrl = 'http://127.0.0.1/webhook-waiting';
	additionalData.formWaitingBaseUrl = 'http://127.0.0.1/form-waiting';
	additionalData.instanceBaseUrl = 'http://127.0.0.1/';
	additionalData.variables = {};
	return additionalData;
}

/** Runs one node of this package in n8n's engine, fed by the given items. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const credentialTypes = options.credentialTypes ?? [];
	const store: CredentialsByType = { ...(options.credentials ?? {}) };
	const credentialsHelper = new TestCredentialsHelper(Object.fromEntries(credentialTypes.map((t) => [t.name, t])), store);
	const workflow = buildWorkflow(options, credentialTypes);
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', '1', stub());
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const additionalData = additionalDataFor(credentialsHelper, hooks);
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode('Input')!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done;
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = (task?.data?.main ?? []).map((items: INodeExecutionData[] | null) => items ?? []);
	const result: RunNodeResult = {
		outputs,
		json: (outputs[0] ?? []).map((item: INodeExecutionData) => item.json),
		error: (task?.error ?? run.data.resultData.error) as RunNodeResult['error'],
		run,
		credentialsHelper,
	};
	currentRunNodeRecorder()?.(options, result);
	return result;
}

/**
 * An optional observer of every runNode call, set by test/secrets/record.ts (jest setupFilesAfterEnv)
 * to collect outputs, errors and the secrets used for the suite-wide secret scan. Kept on the
 * global object, so a recorder set in a setup file sees the runs of every module instance.
 */
export type RunNodeRecorder = (options: RunNodeOptions, result: RunNodeResult) => void;
const RECORDER_KEY = Symbol.for('n8n-nodes-pixlpark-erp.test.runNodeRecorder');

export function setRunNodeRecorder(recorder: RunNodeRecorder | undefined): RunNodeRecorder | undefined {
	const slot = globalThis as unknown as Record<symbol, RunNodeRecorder | undefined>;
	const previous = slot[RECORDER_KEY];
	slot[RECORDER_KEY] = recorder;
	return previous;
}

function currentRunNodeRecorder(): RunNodeRecorder | undefined {
	return (globalThis as unknown as Record<symbol, RunNodeRecorder | undefined>)[RECORDER_KEY];
}

/** Calls one of the node's `methods.loadOptions` in n8n's load-options context. */
export async function loadOptions(options: RunNodeOptions & { method: string }) {
	const credentialTypes = options.credentialTypes ?? [];
	const store: CredentialsByType = { ...(options.credentials ?? {}) };
	const credentialsHelper = new TestCredentialsHelper(Object.fromEntries(credentialTypes.map((t) => [t.name, t])), store);
	const workflow = buildWorkflow(options, credentialTypes);
	const additionalData = additionalDataFor(credentialsHelper);
	additionalData.currentNodeParameters = options.parameters as IWorkflowExecuteAdditionalData['currentNodeParameters'];
	const context = new LoadOptionsContext(workflow, workflow.getNode(NODE_NAME)!, additionalData, '');
	const method = options.node.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`test: no loadOptions method ${options.method}`);
	return await method.call(context);
}

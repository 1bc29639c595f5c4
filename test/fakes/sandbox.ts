/**
 * The `npm start` sandbox: every fake system that exists in test/fakes/ on a fixed loopback port,
 * a real n8n (test/e2e/n8n.ts) with this package, credentials pointing at the fakes, and the
 * example workflows from workflows-examples/ imported (credential references re-pointed at the
 * sandbox credentials of the same type).
 *
 *   node scripts/start.mjs            (npm start: installs, builds, then calls runSandbox())
 *   npx ts-node --transpile-only test/fakes/sandbox.ts [--fakes-only] [--fresh] [--port 5678]
 *
 * Fixed ports: Bitrix24 4100, Pixlpark 4200, ASystem 4300, HelloPrint 4400, 1C exchange driver 4500
 * (only when a workflow has the 1C Exchange Trigger). n8n: 5678 or the next free port. The n8n user
 * folder is `.n8n-local/` in the repository (kept between runs; `--fresh` starts over). Workflows
 * with a trigger (other than Manual) are activated, so the fakes can call them (`--no-activate`: not).
 * No jest imports.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { join, resolve } from 'path';

import { startN8n, type CredentialToImport, type N8nInstance } from '../e2e/n8n';

const ROOT = resolve(__dirname, '..', '..');
const PACKAGE = 'n8n-nodes-pixlpark-erp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- fakes and workflows are plain JSON

export interface SandboxSystem {
	name: string;
	url: string;
	credential?: CredentialToImport;
	/** Extra lines to print (how to poke the fake). */
	notes: string[];
	close(): Promise<void>;
	/** The fake itself, for hooks that need it (e.g. Bitrix24 outgoing webhooks). */
	fake: Json;
}

/** Fixed ids of the sandbox credentials; example workflows are re-pointed at them by type. */
export const SANDBOX_CREDENTIAL_IDS: Record<string, string> = {
	bitrix24WebhookApi: 'sandboxBitrix241',
	pixlparkApi: 'sandboxPixlpark1',
	aSystemApi: 'sandboxASystem01',
	helloPrintApi: 'sandboxHelloPrt1',
	oneCExchangeApi: 'sandbox1CExchng1',
};

export const SANDBOX_PORTS = { bitrix24: 4100, pixlpark: 4200, asystem: 4300, helloprint: 4400, onec: 4500 };
export type SandboxPorts = typeof SANDBOX_PORTS;

const ONEC_LOGIN = 'sandbox-1c';
const ONEC_PASSWORD = 'Sandbox-1C-exchange';

function load(folder: string): Json | undefined {
	const dir = join(__dirname, folder);
	if (!existsSync(join(dir, 'index.ts'))) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- optional fakes, loaded only when their folder exists
	return require(dir);
}

async function assertPortFree(port: number, what: string) {
	await new Promise<void>((ok, fail) => {
		const server = createServer();
		server.once('error', () => fail(new Error(`port ${port} (${what}) is in use: stop whatever listens there, or an older sandbox`)));
		server.listen(port, '127.0.0.1', () => server.close(() => ok()));
	});
}

function credential(type: string, name: string, data: Record<string, unknown>): CredentialToImport {
	return { id: SANDBOX_CREDENTIAL_IDS[type], name, type, data };
}

/** Starts each fake whose folder exists; returns them (without 1C, which needs n8n's URL first). */
export async function startFakes(portsOverride: Partial<SandboxPorts> = {}): Promise<SandboxSystem[]> {
	const ports = { ...SANDBOX_PORTS, ...portsOverride };
	const systems: SandboxSystem[] = [];
	const bitrix24 = load('bitrix24');
	if (bitrix24?.startFakeBitrix24) {
		await assertPortFree(ports.bitrix24, 'fake Bitrix24');
		const fake = await bitrix24.startFakeBitrix24({ port: ports.bitrix24, webhookSecret: 'sandbox-incoming-webhook-code', applicationToken: 'sandbox-outgoing-token' });
		systems.push({
			name: 'Bitrix24 (fake portal)',
			url: fake.url,
			credential: credential('bitrix24WebhookApi', 'Sandbox Bitrix24', { ...fake.credentials }),
			notes: [`REST: ${fake.url}/rest/${fake.credentials.userId}/<code>/crm.deal.list.json (the code is in the credential)`],
			close: () => fake.close(),
			fake,
		});
	}
	const pixlpark = load('pixlpark');
	if (pixlpark?.startFakePixlpark) {
		await assertPortFree(ports.pixlpark, 'fake Pixlpark');
		const fake = await pixlpark.startFakePixlpark({ port: ports.pixlpark, orders: 25, publicKey: 'sandbox-public-key', privateKey: 'sandbox-private-key' });
		systems.push({
			name: 'Pixlpark (fake API, 25 orders)',
			url: fake.url,
			credential: credential('pixlparkApi', 'Sandbox Pixlpark', { ...fake.credentials() }),
			notes: [],
			close: () => fake.close(),
			fake,
		});
	}
	const asystem = load('asystem');
	if (asystem?.startFakeASystem) {
		await assertPortFree(ports.asystem, 'fake ASystem');
		const apiKey = asystem.DEFAULT_FAKE_API_KEY ?? 'sandbox-asystem-key';
		const fake = await asystem.startFakeASystem({ port: ports.asystem, apiKey });
		systems.push({
			name: 'ASystem / PrintEffect (fake)',
			url: fake.url,
			credential: credential('aSystemApi', 'Sandbox ASystem', { apiHost: fake.url, apiKey, ignoreSslIssues: false }),
			notes: [],
			close: () => fake.close(),
			fake,
		});
	}
	const helloprint = load('helloprint');
	if (helloprint?.startFakeHelloPrint) {
		await assertPortFree(ports.helloprint, 'fake HelloPrint');
		const fake = await helloprint.startFakeHelloPrint({ port: ports.helloprint, apiKey: 'sandbox-helloprint-key' });
		systems.push({
			name: 'HelloPrint (fake API)',
			url: fake.url,
			credential: credential('helloPrintApi', 'Sandbox HelloPrint', { ...fake.credentials }),
			notes: [],
			close: () => fake.close(),
			fake,
		});
	}
	return systems;
}

/** The example workflows (workflows-examples/*.json), sorted by file name. */
export function exampleWorkflows(dir: string = join(ROOT, 'workflows-examples')): Array<{ file: string; json: Json }> {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, json: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

/** Points every credential reference of a workflow at the sandbox credential of the same type. */
export function repointCredentials(workflow: Json, credentials: CredentialToImport[]): Json {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes ?? []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const ours = credentials.find((c) => c.type === type);
			if (ours) node.credentials[type] = { id: ours.id, name: ours.name };
		}
	}
	return copy;
}

function triggerNodes(workflow: Json, name: string): Json[] {
	return (workflow.nodes ?? []).filter((n: Json) => n.type === `${PACKAGE}.${name}` && !n.disabled);
}

export interface Sandbox {
	n8n: N8nInstance;
	systems: SandboxSystem[];
	workflows: Array<{ file: string; id: string; name: string; active: boolean; error?: string }>;
	stop(): Promise<void>;
}

export async function runSandbox(options: { port?: number; fresh?: boolean; userFolder?: string; activate?: boolean; ports?: Partial<SandboxPorts> } = {}): Promise<Sandbox> {
	const ports = { ...SANDBOX_PORTS, ...options.ports };
	const userFolder = options.userFolder ?? join(ROOT, '.n8n-local');
	if (options.fresh) rmSync(userFolder, { recursive: true, force: true });
	const firstRun = !existsSync(join(userFolder, '.n8n', 'database.sqlite'));
	const systems = await startFakes(ports);
	const stopSystems = async () => {
		for (const s of systems) await s.close().catch(() => undefined);
	};
	let n8n: N8nInstance;
	try {
		let port = options.port ?? 5678;
		for (; ; port++) {
			try {
				await assertPortFree(port, 'n8n');
				break;
			} catch (error) {
				if (options.port !== undefined || port > 5700) throw error;
			}
		}
		n8n = await startN8n({ port, userFolder, logLevel: 'warn' });
	} catch (error) {
		await stopSystems();
		throw error;
	}
	const workflows: Sandbox['workflows'] = [];
	try {
		const credentials = systems.map((s) => s.credential).filter((c): c is CredentialToImport => Boolean(c));
		credentials.push(credential('oneCExchangeApi', 'Sandbox 1C exchange', { login: ONEC_LOGIN, password: ONEC_PASSWORD }));
		await n8n.importCredentials(credentials);

		const existing = new Set<string>();
		if (!firstRun) {
			const list = await n8n.rest('GET', '/workflows');
			for (const w of Array.isArray(list) ? list : (list.data ?? [])) existing.add(String(w.id));
		}
		for (const { file, json } of exampleWorkflows()) {
			const workflow = repointCredentials(json, credentials);
			let id = workflow.id as string | undefined;
			try {
				if (!id || !existing.has(id)) id = await n8n.importWorkflow(workflow);
				const entry = { file, id, name: String(workflow.name ?? file), active: false } as Sandbox['workflows'][number];
				workflows.push(entry);
				// Trigger workflows are switched on, so the fakes can call them.
				const hasTrigger = (workflow.nodes ?? []).some((n: Json) => /Trigger$/.test(String(n.type)) && !/manualTrigger$/.test(String(n.type)));
				if (hasTrigger && options.activate !== false) {
					try {
						await n8n.activateWorkflow(id);
						entry.active = true;
					} catch (error) {
						entry.error = (error as Error).message;
					}
				}
				// The fake portal calls every active Bitrix24 Trigger, as an outgoing webhook would.
				const portal = systems.find((s) => s.fake?.addOutgoingWebhook);
				if (entry.active && portal) {
					for (const node of triggerNodes(workflow, 'bitrix24Trigger')) {
						portal.fake.addOutgoingWebhook(n8n.webhookUrl(`${node.webhookId}/bitrix24`), node.parameters?.events ?? ['ONCRMDEALUPDATE']);
					}
				}
				// 1C pulls: a driver on 4500 runs one exchange against the 1C Exchange Trigger on demand.
				const onec = load('onec');
				const exchange = triggerNodes(workflow, 'oneCExchangeTrigger')[0];
				if (entry.active && exchange && onec?.startFakeOneC && !systems.some((s) => s.name.startsWith('1C'))) {
					await assertPortFree(ports.onec, '1C exchange driver');
					const url = n8n.webhookUrl(`${exchange.webhookId}/exchange`);
					const fake = await onec.startFakeOneC({ port: ports.onec, url, login: ONEC_LOGIN, password: ONEC_PASSWORD });
					systems.push({
						name: '1C:Polygraphy exchange driver (plays 1C)',
						url: fake.url ?? `http://127.0.0.1:${ports.onec}`,
						notes: [`run one exchange: curl -X POST ${fake.url ?? `http://127.0.0.1:${ports.onec}`}/exchange`],
						close: () => fake.close(),
						fake,
					});
				}
			} catch (error) {
				workflows.push({ file, id: id ?? '', name: String(workflow.name ?? file), active: false, error: (error as Error).message });
			}
		}
	} catch (error) {
		await n8n.stop();
		await stopSystems();
		throw error;
	}
	return {
		n8n,
		systems,
		workflows,
		async stop() {
			await n8n.stop();
			await stopSystems();
		},
	};
}

export function describeSandbox(sandbox: Sandbox): string {
	const lines = [
		'',
		'  Pixlpark ERP sandbox is running (Ctrl-C stops everything)',
		'',
		`  n8n editor:  ${sandbox.n8n.baseUrl}`,
		`  sign in as:  ${sandbox.n8n.owner.email}  /  ${sandbox.n8n.owner.password}`,
		'',
		'  Fake systems (credentials in n8n point at them):',
		...sandbox.systems.flatMap((s) => [`    ${s.name.padEnd(44)} ${s.url}`, ...s.notes.map((n) => `      ${n}`)]),
		'',
		sandbox.workflows.length ? '  Example workflows:' : '  No example workflows in workflows-examples/ yet.',
		...sandbox.workflows.map((w) => `    ${w.active ? '[active] ' : '         '}${w.name}  ${sandbox.n8n.baseUrl}/workflow/${w.id}${w.error ? `\n             ! ${w.error}` : ''}`),
		'',
		`  n8n log: ${sandbox.n8n.logFile}`,
		'',
	];
	return lines.join('\n');
}

/** Runs until SIGINT/SIGTERM. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
	const portArg = argv.indexOf('--port');
	if (argv.includes('--fakes-only')) {
		const systems = await startFakes();
		for (const s of systems) process.stdout.write(`${s.name}: ${s.url}\n${s.credential ? `  ${JSON.stringify(s.credential.data)}\n` : ''}`);
		const stop = () => void Promise.all(systems.map((s) => s.close())).then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		return;
	}
	const sandbox = await runSandbox({ fresh: argv.includes('--fresh'), activate: !argv.includes('--no-activate'), port: portArg >= 0 ? Number(argv[portArg + 1]) : undefined });
	process.stdout.write(`${describeSandbox(sandbox)}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nstopping n8n and the fake systems...\n');
		void sandbox.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`sandbox failed: ${(error as Error).message}\n`);
		process.exit(1);
	});
}

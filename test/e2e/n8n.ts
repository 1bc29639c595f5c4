/**
 * Real-n8n harness: starts an actual n8n 2.x process (n8n@2.41.1 on Node 24, installed once into
 * ~/.cache/n8n-nodes-pixlpark-erp by scripts/n8n-runtime.mjs) with THIS package installed the way
 * Settings -> Community nodes installs it, and lets tests drive it over HTTP and n8n's CLI.
 *
 * How the package gets in
 *   n8n 2.41 scans `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*` at start (the
 *   community-packages module's node loader; no database row is needed for loading). The harness
 *   copies `dist/` and a `package.json` there, and links the package's runtime dependencies
 *   (package.json `dependencies`, from this repo's node_modules) beside it, like npm hoists them.
 *   `n8n-workflow` is NOT copied: as for a real install it resolves to n8n's own copy.
 *   Node types are therefore `n8n-nodes-pixlpark-erp.<nodeName>`, the same as users get, so the
 *   shipped example workflows import unchanged.
 *   Files listed in package.json's `n8n` block that do not exist in dist/ yet are left out of the
 *   installed package.json (one missing file would make n8n reject the whole package);
 *   `instance.pkg.missing` lists them.
 *
 * Build
 *   The harness uses whatever is in `dist/`; it does not build. `jest -c jest.e2e.config.js`
 *   builds once per run in its globalSetup (test/e2e/global-setup.js: `npm run build`, skipped
 *   with E2E_SKIP_BUILD=1, e.g. after `npm test` already built) and installs n8n if missing.
 *
 * API
 *   const n8n = await startN8n(options?)          // resolves when /healthz/readiness answers and
 *                                                 // the owner account is set up and logged in
 *     options: { port?, userFolder?, keepUserFolder?, env?, logLevel?, owner?, packageRoot?,
 *                encryptionKey? }   (all optional: free port, temp folder removed on stop, 'info')
 *   n8n.baseUrl                                   // http://127.0.0.1:<port>
 *   n8n.webhookUrl(path)                          // <baseUrl>/webhook/<path> (production URL)
 *   n8n.owner                                     // { email, password } of the owner account
 *   n8n.pkg                                       // { nodes, credentials, missing } as installed
 *   await n8n.importCredentials([{ id?, name, type, data }])  -> ids   (CLI import:credentials,
 *                                                 // decrypted JSON, ids kept so workflows can refer to them)
 *   await n8n.importWorkflow(json)      -> id     // CLI import:workflow (an id is added if missing)
 *   await n8n.activateWorkflow(id)                // REST activate, then waits for n8n's asynchronous publication
 *                                                 // (its triggers/webhooks live); throws n8n's reason on failure
 *   await n8n.deactivateWorkflow(id)
 *   await n8n.runWorkflow(id)           -> run    // CLI `n8n execute --id --rawOutput` (Manual
 *                                                 // Trigger start); returns IRun-like JSON; throws on failure
 *   nodeItems(run, 'Node name')         -> json[] // first output items of a node in a run / execution
 *   await n8n.listExecutions(workflowId?) -> [{ id, workflowId, status, mode, finished }]  (REST, newest first)
 *   await n8n.getExecution(id)          -> { id, status, data: IRunExecutionData }     (REST, unflattened)
 *   await n8n.waitForExecutions(workflowId, count, timeoutMs?) -> finished executions (polls; throws
 *                                                 // with what it saw when not reached in time)
 *   await n8n.rest(method, path, body?)           // any /rest endpoint as the logged-in owner; returns `data`
 *   await n8n.fetch(path, init?)        -> Response // any path (/types/nodes.json, icons) with the owner's cookie
 *   await n8n.cli(args)                 -> { code, stdout, stderr }   // any `n8n <args>` on this instance
 *   n8n.logs()                          -> string // everything n8n printed (stdout+stderr), e.g. to scan for secrets
 *   n8n.logFile                                   // its path
 *   await n8n.stop()                              // SIGTERM to the whole process group, SIGKILL after 10 s
 *
 * Never leaves processes behind: n8n runs under a small watchdog (its own process group) that kills
 * the group when stop() is called, when the test process exits (exit hook) or when the test process
 * dies abruptly (its stdin pipe closes). Call stop() in afterAll.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

export const PACKAGE_NAME = 'n8n-nodes-pixlpark-erp';
export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface N8nRuntime {
	nodeBin: string;
	n8nBin: string;
	dir: string;
}

export interface StartN8nOptions {
	/** HTTP port; default a free one. */
	port?: number;
	/** N8N_USER_FOLDER; default a new temp folder, removed by stop(). */
	userFolder?: string;
	/** Keep the user folder after stop() (always kept when `userFolder` is given). */
	keepUserFolder?: boolean;
	/** Extra environment for n8n (wins over the harness defaults). */
	env?: Record<string, string>;
	/** N8N_LOG_LEVEL; default 'info' (n8n's default; CLI `execute` prints its result at info). */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** The owner account created at first start. */
	owner?: { email: string; password: string; firstName?: string; lastName?: string };
	/** Repository whose dist/ and package.json are installed; default this repo. */
	packageRoot?: string;
	/** N8N_ENCRYPTION_KEY; default fixed for the harness. */
	encryptionKey?: string;
	/** Install the package into the user folder (default true). */
	installPackage?: boolean;
}

export interface CredentialToImport {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

export interface InstalledPackageInfo {
	dir: string;
	nodes: string[];
	credentials: string[];
	/** Files named in package.json's n8n block that dist/ does not have (yet). */
	missing: string[];
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- n8n's JSON answers are untyped

const DEFAULT_OWNER = { email: 'sandbox@example.com', password: 'Sandbox-Pixlpark-1', firstName: 'Sandbox', lastName: 'Owner' };
const DEFAULT_ENCRYPTION_KEY = 'pixlpark-erp-e2e-fixed-encryption-key';

let runtimeCache: N8nRuntime | undefined;

/** Installs (first time only) and locates n8n + Node 24 via scripts/n8n-runtime.mjs. */
export function n8nRuntime(): N8nRuntime {
	if (runtimeCache) return runtimeCache;
	const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'n8n-runtime.mjs')], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) throw new Error(`scripts/n8n-runtime.mjs failed (exit ${result.status})`);
	const lines = result.stdout.trim().split('\n');
	runtimeCache = JSON.parse(lines[lines.length - 1]) as N8nRuntime;
	return runtimeCache;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/** Copies the built package into `<userFolder>/.n8n/nodes/node_modules/` as n8n's installer would leave it. */
export function installPackage(userFolder: string, packageRoot = REPO_ROOT): InstalledPackageInfo {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const modules = join(nodesDir, 'node_modules');
	const target = join(modules, PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as Json;
	if (!existsSync(join(packageRoot, 'dist'))) throw new Error(`${packageRoot}/dist does not exist: run npm run build first`);
	cpSync(join(packageRoot, 'dist'), join(target, 'dist'), {
		recursive: true,
		filter: (src) => !src.endsWith('.tsbuildinfo') && !src.endsWith('.map') && !src.endsWith('.d.ts'),
	});
	const missing: string[] = [];
	const keep = (files: string[] = []) =>
		files.filter((file) => {
			if (existsSync(join(packageRoot, file))) return true;
			missing.push(file);
			return false;
		});
	const nodes = keep(pkg.n8n?.nodes);
	const credentials = keep(pkg.n8n?.credentials);
	writeFileSync(join(target, 'package.json'), JSON.stringify({ ...pkg, n8n: { ...pkg.n8n, nodes, credentials } }, null, 2));
	for (const file of ['README.md', 'LICENSE']) if (existsSync(join(packageRoot, file))) copyFileSync(join(packageRoot, file), join(target, file));
	// Runtime dependencies hoisted beside the package, as npm installs them under .n8n/nodes.
	for (const dep of Object.keys(pkg.dependencies ?? {})) {
		const from = join(packageRoot, 'node_modules', dep);
		const to = join(modules, dep);
		if (!existsSync(from)) throw new Error(`runtime dependency ${dep} is not installed in ${packageRoot}/node_modules`);
		rmSync(to, { recursive: true, force: true });
		mkdirSync(join(to, '..'), { recursive: true });
		symlinkSync(from, to, 'dir');
	}
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: pkg.version } }, null, 2),
	);
	return { dir: target, nodes, credentials, missing };
}

// The watchdog leads its own process group, runs n8n in it, and kills the whole group when the
// parent's pipe closes (parent died) or on SIGTERM (stop()). It exits with n8n's exit code.
const WATCHDOG = `
const { spawn } = require('child_process');
const [nodeBin, n8nBin, ...args] = process.argv.slice(1);
const child = spawn(nodeBin, [n8nBin, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
let killTimer;
function killGroup() { try { process.kill(-process.pid, 'SIGKILL'); } catch {} process.exit(137); }
function stop() {
  if (killTimer) return;
  try { child.kill('SIGTERM'); } catch {}
  killTimer = setTimeout(killGroup, 10000);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('data', () => {});
process.stdin.on('end', killGroup);
process.stdin.on('error', killGroup);
child.on('exit', (code, signal) => {
  // Task runners and any other leftovers in the group go too.
  try { process.kill(-process.pid, 'SIGKILL'); } catch {}
  process.exit(code ?? (signal ? 1 : 0));
});
`;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const child of running) {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	});
}

function cleanEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		if (key.startsWith('N8N_') || key.startsWith('DB_') || key.startsWith('EXECUTIONS_') || key === 'WEBHOOK_URL' || key === 'NODE_OPTIONS' || key === 'NODE_ENV') continue;
		if (key.startsWith('npm_') || key.startsWith('JEST_')) continue;
		env[key] = value;
	}
	return env;
}

function parseCookie(setCookie: string[] | null): string {
	return (setCookie ?? []).map((c) => c.split(';')[0]).join('; ');
}

/** First-output items (json) of a node in a run returned by runWorkflow() or getExecution().data. */
export function nodeItems(run: Json, nodeName: string, output = 0, runIndex = 0): Json[] {
	const resultData = run?.data?.resultData ?? run?.resultData;
	const task = resultData?.runData?.[nodeName]?.[runIndex];
	if (!task) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(resultData?.runData ?? {}).join(', ')})`);
	if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message}`);
	return (task.data?.main?.[output] ?? []).map((item: Json) => item.json);
}

export class N8nInstance {
	readonly webhookBase: string;
	private cookie = '';
	private child?: ChildProcess;
	private exited?: Promise<number | null>;
	private exitCode: number | null | undefined;

	constructor(
		readonly runtime: N8nRuntime,
		readonly port: number,
		readonly userFolder: string,
		readonly logFile: string,
		readonly env: Record<string, string>,
		readonly owner: { email: string; password: string; firstName: string; lastName: string },
		readonly pkg: InstalledPackageInfo | undefined,
		private readonly removeFolder: boolean,
	) {
		this.webhookBase = `http://127.0.0.1:${port}/webhook`;
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	webhookUrl(path: string) {
		return `${this.webhookBase}/${path.replace(/^\/+/, '')}`;
	}

	logs(): string {
		try {
			return readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** @internal */
	async start(): Promise<void> {
		installExitHook();
		const out = openSync(this.logFile, 'a');
		const child = spawn(process.execPath, ['-e', WATCHDOG, this.runtime.nodeBin, this.runtime.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env,
			detached: true,
			stdio: ['pipe', out, out],
		});
		this.child = child;
		running.add(child);
		this.exitCode = undefined;
		this.exited = new Promise((resolveExit) => {
			child.on('exit', (code) => {
				running.delete(child);
				this.exitCode = code;
				resolveExit(code);
			});
		});
		await this.waitReady();
		await this.setUpOwner();
	}

	private async waitReady(timeoutMs = 120_000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exitCode !== undefined) throw new Error(`n8n exited (code ${this.exitCode}) before it was ready:\n${this.logs().slice(-4000)}`);
			try {
				const res = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`n8n was not ready after ${timeoutMs} ms:\n${this.logs().slice(-4000)}`);
	}

	private async setUpOwner() {
		const { email, password, firstName, lastName } = this.owner;
		const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password, firstName, lastName }),
		});
		if (setup.ok) {
			this.cookie = parseCookie(setup.headers.getSetCookie());
			return;
		}
		// Owner already set up (kept user folder): log in.
		const login = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
		});
		if (!login.ok) throw new Error(`n8n owner setup (${setup.status}) and login (${login.status}) failed: ${await login.text()}`);
		this.cookie = parseCookie(login.headers.getSetCookie());
	}

	/** fetch() of any path on this n8n (e.g. '/types/nodes.json', an icon URL) with the owner's session cookie. */
	async fetch(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set('cookie', this.cookie);
		return await fetch(`${this.baseUrl}/${path.replace(/^\/+/, '')}`, { ...init, headers });
	}

	/** Calls n8n's internal REST API (/rest/...) as the owner; returns the `data` member. */
	async rest(method: string, path: string, body?: unknown): Promise<Json> {
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: Json;
		try {
			json = text ? JSON.parse(text) : {};
		} catch {
			json = { message: text };
		}
		if (!res.ok) throw new Error(`n8n ${method} /rest${path} -> ${res.status}: ${json.message ?? text}`);
		return json.data ?? json;
	}

	/** Runs `n8n <args>` against this instance's user folder and database. */
	async cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
		// Its own task-runner broker port, so it does not collide with the running server's.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_LOG_LEVEL: 'info' };
		return await new Promise((resolveRun, reject) => {
			const child = spawn(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], { cwd: this.userFolder, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
			running.add(child);
			let stdout = '';
			let stderr = '';
			child.stdout!.on('data', (d) => (stdout += d));
			child.stderr!.on('data', (d) => (stderr += d));
			child.on('error', reject);
			child.on('close', (code) => {
				running.delete(child);
				// Kill whatever it left in its group (its task runner).
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
				try {
					writeFileSync(this.logFile, `\n[cli ${args[0]}] stdout:\n${stdout}\n[cli ${args[0]}] stderr:\n${stderr}\n`, { flag: 'a' });
				} catch {
					// log is best effort
				}
				resolveRun({ code, stdout, stderr });
			});
		});
	}

	private tempFile(prefix: string, content: unknown) {
		const file = join(this.userFolder, `${prefix}-${randomBytes(6).toString('hex')}.json`);
		writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	/** Imports credentials (decrypted data) with `n8n import:credentials`; keeps or assigns ids. */
	async importCredentials(list: CredentialToImport[]): Promise<string[]> {
		const withIds = list.map((c) => ({ ...c, id: c.id ?? randomId() }));
		const file = this.tempFile('credentials', withIds);
		try {
			const result = await this.cli(['import:credentials', `--input=${file}`]);
			if (result.code !== 0) throw new Error(`n8n import:credentials failed (${result.code}):\n${tail(result)}`);
		} finally {
			rmSync(file, { force: true });
		}
		return withIds.map((c) => c.id);
	}

	/** Imports one workflow JSON (as exported / shipped) with `n8n import:workflow`; returns its id. */
	async importWorkflow(workflow: Json): Promise<string> {
		const wf = { ...workflow, id: workflow.id ?? randomId(), active: false };
		const file = this.tempFile('workflow', wf);
		try {
			const result = await this.cli(['import:workflow', `--input=${file}`]);
			if (result.code !== 0 || !/Successfully imported/.test(result.stdout + result.stderr)) throw new Error(`n8n import:workflow failed (${result.code}):\n${tail(result)}`);
		} finally {
			rmSync(file, { force: true });
		}
		return wf.id as string;
	}

	/**
	 * Activates (publishes) a workflow in the running n8n and waits until its triggers are live:
	 * n8n 2.41 publishes through an outbox, asynchronously, so the REST call returning is not enough.
	 * Throws with n8n's message when a trigger failed to activate.
	 */
	async activateWorkflow(id: string, timeoutMs = 30_000): Promise<void> {
		const wf = await this.rest('GET', `/workflows/${id}`);
		await this.rest('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
		const deadline = Date.now() + timeoutMs;
		let status: Json;
		while (Date.now() < deadline) {
			status = await this.rest('GET', `/workflows/${id}/publication-status`);
			if (status.status !== 'in_progress' && status.liveVersionId === wf.versionId && status.status === 'published') return;
			if (status.status === 'failed' || status.status === 'partial') {
				const reasons = (status.triggers ?? []).filter((t: Json) => t.status === 'failed').map((t: Json) => t.errorMessage);
				throw new Error(`workflow ${id} failed to activate: ${reasons.join('; ')}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`workflow ${id} was not active after ${timeoutMs} ms: ${JSON.stringify(status)}`);
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.rest('POST', `/workflows/${id}/deactivate`, {});
	}

	/** Runs a workflow that starts with a Manual Trigger through `n8n execute`; returns the run (IRun JSON). */
	async runWorkflow(id: string): Promise<Json> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		// The run's JSON shares stdout with log lines printed before and after it.
		const run = firstJsonObject(result.stdout);
		// On a loaded machine `n8n execute` sometimes dies by a signal while shutting down, after it
		// printed the finished run: that run counts; a non-zero exit code does not.
		const diedAfterPrinting = result.code === null && run !== undefined;
		if (result.code !== 0 && !diedAfterPrinting) throw new Error(`n8n execute --id=${id} failed (${result.code}):\n${tail(result)}`);
		if (!run) throw new Error(`n8n execute --id=${id} printed no run JSON:\n${tail(result)}`);
		return run;
	}

	/** Every execution (of one workflow, or all), newest first; follows n8n's cursor pages of 100. */
	async listExecutions(workflowId?: string): Promise<ExecutionSummary[]> {
		const all: ExecutionSummary[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 1000; page++) {
			const query = new URLSearchParams({ limit: '100' });
			if (workflowId) query.set('filter', JSON.stringify({ workflowId }));
			if (cursor) query.set('cursor', cursor);
			const data = await this.rest('GET', `/executions?${query}`);
			for (const e of data.results ?? []) {
				all.push({
					id: String(e.id),
					workflowId: String(e.workflowId),
					status: e.status,
					mode: e.mode,
					finished: e.finished === true || ['success', 'error', 'crashed', 'canceled'].includes(e.status),
					startedAt: e.startedAt,
					stoppedAt: e.stoppedAt,
				});
			}
			cursor = data.nextCursor ?? undefined;
			if (!cursor || !(data.results ?? []).length) break;
		}
		return all;
	}

	/** One execution with its run data (n8n stores it "flatted"; this returns plain JSON). */
	async getExecution(id: string): Promise<Json> {
		const execution = await this.rest('GET', `/executions/${id}`);
		if (typeof execution.data === 'string') {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's own copy of flatted
			const flatted = require(join(this.runtime.dir, 'node_modules', 'flatted')) as { parse: (s: string) => Json };
			execution.data = flatted.parse(execution.data);
		}
		return execution;
	}

	/** Polls until the workflow has at least `count` finished executions; returns them (newest first). */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		let seen: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			seen = await this.listExecutions(workflowId);
			if (seen.length >= count && seen.every((e) => e.finished)) return seen;
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`expected ${count} finished executions of ${workflowId} within ${timeoutMs} ms, saw ${JSON.stringify(seen)}`);
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (child && this.exitCode === undefined && child.pid) {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				// gone
			}
			const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
			if ((await Promise.race([this.exited, timeout])) === 'timeout') {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
				await this.exited;
			}
		}
		if (this.removeFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function tail(result: { stdout: string; stderr: string }) {
	return `${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`;
}

function randomId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

/** Starts n8n with this package installed; see the header comment. */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const runtime = n8nRuntime();
	const port = options.port ?? (await freePort());
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	mkdirSync(userFolder, { recursive: true });
	const pkg = options.installPackage === false ? undefined : installPackage(userFolder, options.packageRoot);
	const logFile = join(userFolder, 'n8n.log');
	const env: Record<string, string> = {
		...cleanEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_ENCRYPTION_KEY: options.encryptionKey ?? DEFAULT_ENCRYPTION_KEY,
		N8N_LOG_LEVEL: options.logLevel ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		DB_TYPE: 'sqlite',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_PRUNE: 'false',
		NO_COLOR: '1',
		...options.env,
	};
	const instance = new N8nInstance(
		runtime,
		port,
		userFolder,
		logFile,
		env,
		{ ...DEFAULT_OWNER, ...options.owner } as N8nInstance['owner'],
		pkg,
		!options.userFolder && !options.keepUserFolder,
	);
	try {
		await instance.start();
	} catch (error) {
		await instance.stop();
		throw error;
	}
	return instance;
}

/** The first top-level JSON object in text that also holds other lines: bracket counting, strings respected. */
function firstJsonObject(text: string): Json | undefined {
	for (let start = text.search(/^\{/m); start >= 0; start = nextLineBrace(text, start + 1)) {
		let depth = 0;
		let inString = false;
		for (let i = start; i < text.length; i++) {
			const c = text[i];
			if (inString) {
				if (c === '\\') i++;
				else if (c === '"') inString = false;
			} else if (c === '"') inString = true;
			else if (c === '{' || c === '[') depth++;
			else if (c === '}' || c === ']') {
				depth--;
				if (depth === 0) {
					try {
						return JSON.parse(text.slice(start, i + 1)) as Json;
					} catch {
						break;
					}
				}
			}
		}
	}
	return undefined;
}

function nextLineBrace(text: string, from: number): number {
	const rest = text.slice(from).search(/^\{/m);
	return rest < 0 ? -1 : from + rest;
}

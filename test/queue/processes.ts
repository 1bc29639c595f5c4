/**
 * Processes of the queue-mode test besides n8n's main: a private redis-server and `n8n worker`s.
 * Each runs under a small watchdog that leads its own process group and kills the group when
 * stop() is called, when the test process exits, or when the test process dies (its stdin pipe
 * closes), so nothing is left behind: no Redis daemon, no worker, no task runner.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'fs';
import { connect } from 'net';
import { join } from 'path';

import type { N8nInstance } from '../e2e/n8n';
import { freePort } from '../e2e/n8n';

const WATCHDOG = `
const { spawn } = require('child_process');
const [cmd, ...args] = process.argv.slice(1);
const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
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
child.on('error', (e) => { console.error(String(e)); killGroup(); });
child.on('exit', (code, signal) => {
  try { process.kill(-process.pid, 'SIGKILL'); } catch {}
  process.exit(code ?? (signal ? 1 : 0));
});
`;

const running = new Set<ChildProcess>();
let hooked = false;

export interface Guarded {
	name: string;
	pid: number;
	logFile: string;
	logs(): string;
	/** Exit code once it ended, undefined while it runs. */
	exitCode(): number | null | undefined;
	stop(): Promise<void>;
}

/** Runs `cmd args` in its own process group under the watchdog; stdout and stderr go to logFile. */
export function spawnGuarded(name: string, cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Guarded {
	if (!hooked) {
		hooked = true;
		process.on('exit', () => {
			for (const child of running) {
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
			}
		});
	}
	const out = openSync(options.logFile, 'a');
	const child = spawn(process.execPath, ['-e', WATCHDOG, cmd, ...args], {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['pipe', out, out],
	});
	running.add(child);
	let code: number | null | undefined;
	const exited = new Promise<void>((resolve) =>
		child.on('exit', (c) => {
			running.delete(child);
			code = c;
			resolve();
		}),
	);
	return {
		name,
		pid: child.pid ?? 0,
		logFile: options.logFile,
		logs: () => {
			try {
				return readFileSync(options.logFile, 'utf8');
			} catch {
				return '';
			}
		},
		exitCode: () => code,
		async stop() {
			if (code !== undefined || !child.pid) return;
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				// gone
			}
			const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
			if ((await Promise.race([exited, timeout])) === 'timeout') {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// gone
				}
				await exited;
			}
		},
	};
}

/** redis-server from Debian's packages: installed with apt-get when missing (root, as in CI). */
export function ensureRedis(): string {
	const which = () => spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
	let bin = which();
	if (bin) return bin;
	aptInstall('redis-server');
	bin = which();
	if (!bin) throw new Error('redis-server still not found after apt-get install');
	return bin;
}

/** Answers PING with +PONG. */
async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let text = '';
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			text += d;
			if (text.includes('\r\n')) {
				socket.end();
				resolve(text.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
	});
}

/** A private, memory-only redis-server on a free loopback port. */
export async function startRedis(dir: string): Promise<Guarded & { port: number }> {
	const bin = ensureRedis();
	const port = await freePort();
	const redis = spawnGuarded('redis', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--protected-mode', 'yes'], {
		cwd: dir,
		logFile: join(dir, 'redis.log'),
	});
	const deadline = Date.now() + 20_000;
	while (!(await redisPing(port))) {
		if (redis.exitCode() !== undefined) throw new Error(`redis-server exited (${redis.exitCode()}):\n${redis.logs().slice(-2000)}`);
		if (Date.now() > deadline) {
			await redis.stop();
			throw new Error(`redis-server did not answer PING:\n${redis.logs().slice(-2000)}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return Object.assign(redis, { port });
}

/**
 * Installs a Debian package (apt-get as root, else through sudo). A policy-rc.d that answers 101
 * for the duration keeps the package's service from starting (no system Redis/PostgreSQL daemon
 * left running): the test starts its own servers.
 */
export function aptInstall(pkg: string) {
	process.stderr.write(`[queue] ${pkg} missing: apt-get install -y ${pkg}\n`);
	const script = [
		'set -e',
		'own=0',
		"if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own=1; fi",
		`trap 'if [ $own = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT`,
		'apt-get update -q',
		`DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${pkg}`,
	].join('\n');
	const [cmd, args] = process.getuid?.() === 0 ? ['sh', ['-c', script]] : ['sudo', ['sh', '-c', script]];
	const install = spawnSync(cmd as string, args as string[], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (install.status !== 0) throw new Error(`apt-get install ${pkg} failed (exit ${install.status})`);
}

/** Debian's PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin), installed when missing. */
export function ensurePostgres(): string {
	const find = () => {
		const root = '/usr/lib/postgresql';
		if (!existsSync(root)) return '';
		const majors = readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
		return majors.length ? join(root, majors[0], 'bin') : '';
	};
	let bin = find();
	if (bin) return bin;
	aptInstall('postgresql');
	bin = find();
	if (!bin) throw new Error('PostgreSQL server binaries still not found after apt-get install postgresql');
	return bin;
}

/**
 * A private PostgreSQL cluster (initdb in `dir`, trust auth, loopback only, no fsync: a throwaway
 * test database) on a free port, run in the foreground under the watchdog. PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` user the Debian package creates.
 */
export interface Postgres extends Guarded {
	port: number;
	user: string;
	database: string;
	/** Runs one SQL statement with psql; rows of '|'-separated columns. */
	query(sql: string): string[][];
}

export async function startPostgres(dir: string): Promise<Postgres> {
	const bin = ensurePostgres();
	const root = join(dir, 'postgres');
	const data = join(root, 'data');
	const socketDir = join(root, 'socket');
	mkdirSync(data, { recursive: true });
	mkdirSync(socketDir, { recursive: true });
	const asRoot = process.getuid?.() === 0;
	const wrap = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
	if (asRoot) {
		const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chmodSync(dir, 0o711); // the postgres user walks through to its own folder
		for (const d of [root, data, socketDir]) chownSync(d, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
	}
	const [initCmd, initArgs] = wrap(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
	const port = await freePort();
	const [cmd, args] = wrap(join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', socketDir,
		'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100',
	]);
	const server = spawnGuarded('postgres', cmd, args, { cwd: root, logFile: join(dir, 'postgres.log') });
	const deadline = Date.now() + 30_000;
	for (;;) {
		const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { encoding: 'utf8' });
		if (ready.status === 0) break;
		if (server.exitCode() !== undefined) throw new Error(`postgres exited (${server.exitCode()}):\n${server.logs().slice(-2000)}`);
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`postgres was not ready after 30 s:\n${server.logs().slice(-2000)}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	const query = (sql: string) => {
		const run = spawnSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		if (run.status !== 0) throw new Error(`psql failed (${run.status}): ${run.stderr}`);
		return run.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('|'));
	};
	return Object.assign(server, { port, user: 'postgres', database: 'postgres', query });
}

/**
 * Starts `n8n worker` with the main's environment (same user folder, database, encryption key,
 * Redis), its own task-runner broker port; resolves when it logs that it is ready for jobs.
 */
export async function startWorker(main: N8nInstance, name: string, concurrency: number): Promise<Guarded> {
	const env = { ...main.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const worker = spawnGuarded(name, main.runtime.nodeBin, [main.runtime.n8nBin, 'worker', `--concurrency=${concurrency}`], {
		env,
		cwd: main.userFolder,
		logFile: join(main.userFolder, `${name}.log`),
	});
	const deadline = Date.now() + 120_000;
	while (!/n8n worker is now ready|Worker ready|Concurrency:/i.test(worker.logs())) {
		if (worker.exitCode() !== undefined) throw new Error(`${name} exited (${worker.exitCode()}):\n${worker.logs().slice(-3000)}`);
		if (Date.now() > deadline) {
			await worker.stop();
			throw new Error(`${name} was not ready after 120 s:\n${worker.logs().slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return worker;
}

/** Execution ids a worker's log says it finished ("Worker finished execution N (job M)"). */
export function executionsFinishedBy(worker: Guarded): Set<string> {
	return new Set([...worker.logs().matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]));
}

/**
 * A fault-injecting HTTP proxy that sits between a node and one fake server. It injects the same
 * fault kinds in front of every fake, so every system meets the same weather:
 * - 429 / 503 / 500: answered by the proxy in the system's own error shape; the fake never sees
 *   the request (as a real rate limiter or a failing front end would);
 * - reset: the connection is destroyed before the request is forwarded (nothing happened);
 * - lostAnswer: the request is forwarded, the fake does the work, then the connection is
 *   destroyed instead of answering (the write happened; the node cannot know);
 * - slow: forwarded and done, but the answer is held `slowMs`, past the node's timeout (the
 *   runner caps every request timeout, see scripts/faults.ts), so the node gives up waiting;
 * - stall: the request is held `slowMs` BEFORE it is forwarded: the server carries out the write
 *   only after the node gave up waiting (a server slow at its work, not only at answering).
 * Faults are drawn from a seeded generator, so a run is repeatable. No jest imports.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = ['429', '503', '500', 'reset', 'slow', 'stall', 'lostAnswer'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Probability of each fault per request (0..1); their sum should stay below 1. */
export type FaultMix = Partial<Record<FaultKind, number>>;

export interface StatusAnswer {
	body: unknown;
	headers?: Record<string, string>;
}

export interface FaultProxyOptions {
	/** The fake's base URL (scheme, host, port); paths are kept. */
	target: string;
	seed?: number;
	mix?: FaultMix;
	/** How long a "slow" answer is held. */
	slowMs?: number;
	/** The body (and headers) of an injected 429/503/500, in the system's own error shape. */
	statusAnswer: (status: 429 | 503 | 500) => StatusAnswer;
	/**
	 * Make sure every kind with a probability above 0 shows up at least once: while some have not,
	 * every second eligible request gets the next of them (default true).
	 */
	ensureEachKind?: boolean;
	/** Decides the fault of a request by itself (tests aiming at one request); undefined: the mix decides. */
	choose?: (method: string, path: string, body: Buffer) => FaultKind | undefined;
	/** Only requests this accepts get faults (default: all). */
	eligible?: (method: string, path: string) => boolean;
}

export interface FaultProxy {
	url: string;
	/** Faults injected so far, by kind. */
	counts: Record<FaultKind, number>;
	/** Requests seen so far. */
	requests: number;
	setMix(mix: FaultMix): void;
	/** Resolves once no request is in flight (a stalled write has reached the fake, held answers are out). */
	idle(): Promise<void>;
	close(): Promise<void>;
}

/** mulberry32: a small deterministic random generator. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function readAll(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
	const target = new URL(options.target);
	const random = seeded(options.seed ?? 1);
	let mix: FaultMix = { ...(options.mix ?? {}) };
	const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
	const timers = new Set<NodeJS.Timeout>();
	let requests = 0;
	let eligibleSeen = 0;

	const pick = (method: string, path: string): FaultKind | undefined => {
		if (options.eligible && !options.eligible(method, path)) return undefined;
		if (options.ensureEachKind !== false) {
			const owed = FAULT_KINDS.find((k) => (mix[k] ?? 0) > 0 && counts[k] === 0);
			eligibleSeen++;
			if (owed && eligibleSeen % 2 === 0) return owed;
		}
		const draw = random();
		let edge = 0;
		for (const kind of FAULT_KINDS) {
			edge += mix[kind] ?? 0;
			if (draw < edge) return kind;
		}
		return undefined;
	};

	let inFlight = 0;
	async function handle(req: IncomingMessage, res: ServerResponse) {
		inFlight++;
		try {
			await work(req, res);
		} finally {
			inFlight--;
		}
	}

	async function work(req: IncomingMessage, res: ServerResponse) {
		requests++;
		const method = req.method ?? 'GET';
		const path = req.url ?? '/';
		const body = await readAll(req);
		const fault = options.choose?.(method, path.split('?')[0], body) ?? pick(method, path.split('?')[0]);
		if (fault) counts[fault]++;
		if (fault === 'reset') return void req.socket.destroy();
		if (fault === '429' || fault === '503' || fault === '500') {
			const answer = options.statusAnswer(Number(fault) as 429 | 503 | 500);
			const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			res.writeHead(Number(fault), { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) });
			return void res.end(text);
		}
		if (fault === 'stall') {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, options.slowMs ?? 2_000);
				timers.add(timer);
			});
		}
		const headers = { ...req.headers, host: target.host };
		const upstream = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
			const forward = httpRequest({ protocol: target.protocol, hostname: target.hostname, port: target.port, method, path, headers }, (answer) => {
				readAll(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject);
			});
			forward.on('error', reject);
			forward.end(body);
		});
		if (fault === 'lostAnswer') return void req.socket.destroy();
		const reply = () => {
			if (res.destroyed || req.socket.destroyed) return;
			const out = { ...upstream.headers };
			delete out['transfer-encoding'];
			out['content-length'] = String(upstream.body.length);
			res.writeHead(upstream.status, out);
			res.end(upstream.body);
		};
		if (fault === 'slow') {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, options.slowMs ?? 2_000);
				timers.add(timer);
			});
		}
		reply();
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent) {
				res.writeHead(502, { 'content-type': 'text/plain' });
				res.end('fault proxy: the fake did not answer');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		counts,
		get requests() {
			return requests;
		},
		setMix(next: FaultMix) {
			mix = { ...next };
		},
		idle: async () => {
			while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

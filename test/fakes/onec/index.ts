/**
 * A small simulator of 1C's side of the site exchange (type=sale), the way 1C:Enterprise's
 * "Обмен с сайтом" drives it: GET checkauth with Basic auth, then GET init / query / success and
 * POST file with the cookie it got. 1C pulls, so this fake is a client; `startFakeOneC` wraps it
 * in a small control server so that it can also run as a sandbox process.
 * No jest imports: usable from tests, scripts and the sandbox.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ExchangeStep {
	mode: string;
	status: number;
	/** The answer as text (decoded by its XML declaration for query). */
	body: string;
	contentType?: string;
}

export interface OneCClientOptions {
	/** The exchange URL without query, e.g. http://host/webhook/<id>/exchange */
	url: string;
	login: string;
	password: string;
}

function decode(buffer: Buffer): string {
	const head = buffer.subarray(0, 200).toString('latin1');
	if (/encoding="windows-1251"/i.test(head)) return new TextDecoder('windows-1251').decode(buffer);
	return buffer.toString('utf8');
}

export class OneCClient {
	cookie?: string;
	readonly steps: ExchangeStep[] = [];

	constructor(readonly options: OneCClientOptions) {}

	private async call(mode: string, init: { method?: string; auth?: string | null; body?: Buffer; filename?: string } = {}): Promise<ExchangeStep> {
		const url = new URL(this.options.url);
		url.searchParams.set('type', 'sale');
		url.searchParams.set('mode', mode);
		if (init.filename) url.searchParams.set('filename', init.filename);
		const headers: Record<string, string> = {};
		const auth = init.auth === undefined ? `Basic ${Buffer.from(`${this.options.login}:${this.options.password}`).toString('base64')}` : init.auth;
		if (mode === 'checkauth' && auth) headers.authorization = auth;
		if (mode !== 'checkauth' && this.cookie) headers.cookie = this.cookie;
		if (init.body) headers['content-type'] = 'application/octet-stream';
		const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body });
		const buffer = Buffer.from(await response.arrayBuffer());
		const step: ExchangeStep = { mode, status: response.status, body: decode(buffer), contentType: response.headers.get('content-type') ?? undefined };
		this.steps.push(step);
		return step;
	}

	/** checkauth; on success remembers the cookie as 1C does. `auth: null` sends none. */
	async checkauth(auth?: string | null): Promise<ExchangeStep> {
		const step = await this.call('checkauth', { auth });
		const lines = step.body.split(/\r?\n/);
		if (lines[0] === 'success' && lines[1] && lines[2]) this.cookie = `${lines[1]}=${lines[2]}`;
		return step;
	}

	init() {
		return this.call('init');
	}

	query() {
		return this.call('query');
	}

	success() {
		return this.call('success');
	}

	file(xml: Buffer, filename = 'orders.xml') {
		return this.call('file', { method: 'POST', body: xml, filename });
	}

	/** A whole exchange; `failBeforeSuccess` stops after query as a crashed 1C would. */
	async exchange(options: { failBeforeSuccess?: boolean; upload?: Buffer } = {}): Promise<{ query: ExchangeStep; steps: ExchangeStep[] }> {
		const start = this.steps.length;
		const auth = await this.checkauth();
		if (!auth.body.startsWith('success')) throw new Error(`checkauth failed: ${auth.status} ${auth.body}`);
		await this.init();
		const query = await this.query();
		if (!options.failBeforeSuccess) {
			await this.success();
			if (options.upload) await this.file(options.upload);
		}
		return { query, steps: this.steps.slice(start) };
	}
}

/** Order ids (Документ/Ид) in a CommerceML answer, without an XML library (the tests parse properly). */
export function documentIds(xml: string): string[] {
	return [...xml.matchAll(/<Документ>\s*<Ид>([^<]*)<\/Ид>/g)].map((m) => m[1]);
}

export interface FakeOneCOptions extends OneCClientOptions {
	port?: number;
	host?: string;
}

/**
 * Control server for sandbox use: `POST /exchange` (optional JSON `{ "failBeforeSuccess": true }`)
 * runs one exchange against `options.url` and answers the steps; `GET /steps` lists all steps.
 */
export async function startFakeOneC(options: FakeOneCOptions) {
	const client = new OneCClient(options);
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const reply = (status: number, data: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(data));
			};
			if (req.method === 'GET' && req.url === '/steps') return reply(200, client.steps);
			if (req.method === 'POST' && req.url === '/exchange') {
				const opts = body ? (JSON.parse(body) as { failBeforeSuccess?: boolean }) : {};
				client.exchange({ failBeforeSuccess: opts.failBeforeSuccess === true }).then(
					(result) => reply(200, { orders: documentIds(result.query.body), steps: result.steps }),
					(error: Error) => reply(502, { error: error.message }),
				);
				return;
			}
			reply(404, { error: 'POST /exchange or GET /steps' });
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		client,
		steps: client.steps,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

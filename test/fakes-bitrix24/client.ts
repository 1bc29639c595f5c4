/** Plain-HTTP helpers for the fake portal's own tests. */
import * as http from 'node:http';
import type { FakeBitrix24 } from '../fakes/bitrix24';

export interface Answer {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function base(fake: FakeBitrix24): string {
	return `${fake.url}/rest/${fake.credentials.userId}/${fake.credentials.webhookSecret}`;
}

export async function callJson(fake: FakeBitrix24, method: string, params: unknown = {}): Promise<Answer> {
	const r = await fetch(`${base(fake)}/${method}.json`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(params),
	});
	const text = await r.text();
	return { status: r.status, body: text ? JSON.parse(text) : null };
}

export async function callForm(fake: FakeBitrix24, method: string, form: string, query = ''): Promise<Answer> {
	const r = await fetch(`${base(fake)}/${method}${query ? `?${query}` : ''}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form,
	});
	return { status: r.status, body: await r.json() };
}

/** A request on a fresh connection; resolves 'closed' when the server drops it without an answer. */
export function rawCall(fake: FakeBitrix24, method: string, params: unknown): Promise<Answer | 'closed'> {
	const body = JSON.stringify(params);
	return new Promise((resolve) => {
		const req = http.request(
			`${base(fake)}/${method}.json`,
			{ method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
				res.on('error', () => resolve('closed'));
			},
		);
		req.on('error', () => resolve('closed'));
		req.end(body);
	});
}

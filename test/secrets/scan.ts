/**
 * The secret scan's records and checker. Each jest worker appends JSON lines to its own file in
 * SECRET_SCAN_DIR (record.ts); globalTeardown.ts reads them all and fails the run on any hit.
 * No jest imports: the teardown loads this outside the test environment.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_SECRETS, MIN_SECRET_LENGTH } from './known';

export interface OutputRecord {
	kind: 'output';
	/** Where it came from: runNode, console.warn, webhook, n8n logger... */
	source: string;
	file: string;
	test: string;
	text: string;
}

export interface SecretRecord {
	kind: 'secret';
	name: string;
	value: string;
}

export type ScanRecord = OutputRecord | SecretRecord;

export interface Hit {
	secret: string;
	masked: string;
	source: string;
	file: string;
	test: string;
}

export const SCAN_DIR_ENV = 'SECRET_SCAN_DIR';

/** Shows a secret's first three characters and its length only. */
export function mask(secret: string): string {
	return `${secret.slice(0, 3)}… (${secret.length} chars)`;
}

export function appendRecords(file: string, records: ScanRecord[]): void {
	if (records.length === 0) return;
	appendFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

export function readRecords(dir: string): ScanRecord[] {
	if (!existsSync(dir)) return [];
	const records: ScanRecord[] = [];
	for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
		for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
			if (line.trim()) records.push(JSON.parse(line) as ScanRecord);
		}
	}
	return records;
}

/** The forms a secret may take in text: as is, URL-encoded, JSON-escaped. */
function variants(secret: string): string[] {
	const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
	return [...forms];
}

/** Every output record that contains one of the secrets (the known ones plus those recorded). */
export function findHits(records: ScanRecord[], extraSecrets: ReadonlyArray<{ name: string; value: string }> = KNOWN_SECRETS): Hit[] {
	const secrets = new Map<string, string>();
	for (const s of extraSecrets) if (s.value.length >= MIN_SECRET_LENGTH) secrets.set(s.value, s.name);
	for (const r of records) if (r.kind === 'secret' && typeof r.value === 'string' && r.value.length >= MIN_SECRET_LENGTH) secrets.set(r.value, r.name);
	const hits: Hit[] = [];
	for (const r of records) {
		if (r.kind !== 'output') continue;
		for (const secret of secrets.keys()) {
			if (variants(secret).some((form) => r.text.includes(form))) {
				hits.push({ secret, masked: `${secrets.get(secret)} ${mask(secret)}`, source: r.source, file: r.file, test: r.test });
			}
		}
	}
	return hits;
}

/** A report for humans: never the full secret. */
export function describeHits(hits: Hit[]): string {
	const lines = hits.slice(0, 50).map((h) => `- ${h.masked} in ${h.source} output of "${h.test}" (${h.file})`);
	if (hits.length > 50) lines.push(`... and ${hits.length - 50} more`);
	return `Secret scan: ${hits.length} secret(s) found in test output:\n${lines.join('\n')}`;
}

export function scanDir(dir: string): Hit[] {
	return findHits(readRecords(dir));
}

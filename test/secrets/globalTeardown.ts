/**
 * Runs after every test file: reads the records all workers wrote (record.ts) and fails the run
 * when any output, error or log line contains a secret used by the tests. Set
 * SECRET_SCAN_KEEP=1 to keep the record directory for a look.
 */
import { rmSync } from 'node:fs';
import { describeHits, SCAN_DIR_ENV, scanDir } from './scan';

export default function globalTeardown(): void {
	const dir = process.env[SCAN_DIR_ENV];
	if (!dir) return;
	const hits = scanDir(dir);
	if (process.env.SECRET_SCAN_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
	if (hits.length > 0) {
		const report = describeHits(hits);
		// globalTeardown's error alone may be shown late; print the list first.
		process.stderr.write(`\n${report}\n`);
		process.exitCode = 1;
		throw new Error(report);
	}
}

/** Creates the secret scan's record directory for this run (workers inherit SECRET_SCAN_DIR). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCAN_DIR_ENV } from './scan';

export default function globalSetup(): void {
	process.env[SCAN_DIR_ENV] = mkdtempSync(join(tmpdir(), 'pixlpark-secret-scan-'));
}

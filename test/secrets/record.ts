/**
 * jest setupFilesAfterEnv: records what each test file makes visible (console output, direct
 * stdout/stderr writes, every runNode result, the triggers' webhook/poll answers, n8n's logger)
 * and the secrets runNode was given, into this worker's file under SECRET_SCAN_DIR.
 * globalTeardown.ts scans them all and fails the run on a hit.
 */
import { format } from 'node:util';
import { join } from 'node:path';
import { LoggerProxy } from 'n8n-workflow';
import { setRunNodeRecorder } from '../helpers/engine';
import { Bitrix24Trigger } from '../../nodes/Bitrix24/Bitrix24Trigger.node';
import { OneCExchangeTrigger } from '../../nodes/OneCPolygraphy/OneCExchangeTrigger.node';
import { PixlparkPollTrigger } from '../../nodes/Pixlpark/PixlparkPollTrigger.node';
import { PixlparkTrigger } from '../../nodes/Pixlpark/PixlparkTrigger.node';
import { createRecorder, errorText, safeJson } from './recorder';
import { SCAN_DIR_ENV } from './scan';

const dir = process.env[SCAN_DIR_ENV];
const file = dir ? join(dir, `worker-${process.env.JEST_WORKER_ID ?? '0'}-${process.pid}.jsonl`) : undefined;
const testFile = (expect.getState().testPath ?? '').replace(/^.*?\/test\//, 'test/');
const { recordOutput, recordRun } = createRecorder(file, () => ({ file: testFile, test: expect.getState().currentTestName ?? '(outside a test)' }));

setRunNodeRecorder(recordRun);

// Console output of the tests and of anything they run.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		recordOutput(`console.${method}`, format(...args));
		original(...args);
	};
}

// Direct writes to stdout/stderr (n8n-core's own logger writes there). Wrapped once per worker
// process; each test file points the wrapper at its own recorder.
type Sink = ((text: string) => void) | undefined;
const SINK = Symbol.for('n8n-nodes-pixlpark-erp.test.secretScanSink');
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
	const holder = stream as unknown as Record<symbol, Sink> & { write: (...args: unknown[]) => boolean };
	if (!(SINK in holder)) {
		const original = holder.write.bind(stream);
		holder.write = (...args: unknown[]) => {
			const chunk = args[0];
			holder[SINK]?.(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '');
			return original(...args);
		};
	}
	holder[SINK] = (text: string) => recordOutput(`process.${name}`, text);
}

// n8n's logger (n8n-workflow's LoggerProxy), which node code and n8n-core may write to.
const logLine =
	(level: string) =>
	(message: string, meta?: object): void =>
		recordOutput(`n8n logger ${level}`, `${message} ${meta ? safeJson(meta) : ''}`);
const logger = { error: logLine('error'), warn: logLine('warn'), info: logLine('info'), debug: logLine('debug') };
LoggerProxy.init({ ...logger, scoped: () => logger } as unknown as Parameters<typeof LoggerProxy.init>[0]);

// The triggers' answers, however a test calls them (n8n-core contexts or hand-made ones).
type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;
function observe(proto: object, method: string, label: string): void {
	const target = proto as Record<string, Method>;
	const original = target[method];
	if (typeof original !== 'function' || (original as { __recorded?: boolean }).__recorded) return;
	const wrapped: Method = async function (this: unknown, ...args: unknown[]) {
		const answered = () => {
			try {
				const res = (this as { getResponseObject?: () => { body?: unknown } }).getResponseObject?.();
				if (res && res.body !== undefined) recordOutput(`${label} response`, typeof res.body === 'string' ? res.body : safeJson(res.body));
			} catch {
				// not every context has a response object
			}
		};
		try {
			const result = await original.apply(this, args);
			recordOutput(`${label} result`, safeJson(result));
			answered();
			return result;
		} catch (error) {
			recordOutput(`${label} error`, errorText(error));
			answered();
			throw error;
		}
	};
	(wrapped as { __recorded?: boolean }).__recorded = true;
	target[method] = wrapped;
}
observe(Bitrix24Trigger.prototype, 'webhook', 'Bitrix24 Trigger webhook');
observe(PixlparkTrigger.prototype, 'webhook', 'Pixlpark Trigger webhook');
observe(OneCExchangeTrigger.prototype, 'webhook', '1C Exchange Trigger webhook');
observe(PixlparkPollTrigger.prototype, 'poll', 'Pixlpark Poll Trigger poll');


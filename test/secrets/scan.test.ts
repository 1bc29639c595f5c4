/**
 * The secret scan can fail: a secret planted in a node's output, its error and a log line goes
 * through the same recorder the suite uses (into a private file, so this run's own scan stays
 * clean) and the checker reports each place, without printing the secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredentialType, IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { runNode, setRunNodeRecorder } from '../helpers/engine';
import { createRecorder } from './recorder';
import { describeHits, findHits, readRecords } from './scan';
import { KNOWN_SECRETS } from './known';

const PLANTED = `planted-${Math.random().toString(36).slice(2)}-secret`;

class LeakyApi implements ICredentialType {
	name = 'leakyApi';
	displayName = 'Leaky API';
	properties: ICredentialType['properties'] = [{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' }];
}

/** Leaks its key in the output (item 0) or in the error (item 1), as a buggy node would. */
class Leaky implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Leaky',
		name: 'leaky',
		group: ['transform'],
		version: 1,
		description: 'Leaks its credential',
		defaults: { name: 'Leaky' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leakyApi', required: true }],
		properties: [{ displayName: 'Leak', name: 'leak', type: 'boolean', default: true }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { apiKey } = await this.getCredentials<{ apiKey: string }>('leakyApi');
		const leak = this.getNodeParameter('leak', 0) as boolean;
		const out: INodeExecutionData[] = [];
		for (const [i, item] of this.getInputData().entries()) {
			if (!leak) {
				out.push({ json: { ok: true }, pairedItem: { item: i } });
			} else if (item.json.fail) {
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), `Item ${i}: request to https://api.example/?key=${apiKey} failed`, { itemIndex: i });
				out.push({ json: { error: `Item ${i}: key ${encodeURIComponent(apiKey)} refused` }, pairedItem: { item: i } });
			} else {
				out.push({ json: { url: `https://api.example/?key=${apiKey}` }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

describe('secret scan', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'secret-scan-test-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	async function recorded(leak: boolean, continueOnFail: boolean, items: IDataObject[]) {
		const recorder = createRecorder(join(dir, 'worker.jsonl'), () => ({ file: 'test/secrets/scan.test.ts', test: 'planted' }));
		const previous = setRunNodeRecorder(recorder.recordRun);
		try {
			await runNode({ node: new Leaky(), parameters: { leak }, items, credentialTypes: [new LeakyApi()], credentials: { leakyApi: { apiKey: PLANTED } }, continueOnFail });
		} finally {
			setRunNodeRecorder(previous);
		}
		return { recorder, records: () => readRecords(dir) };
	}

	it('reports a secret planted in node output, a Continue on Fail error item and a thrown error', async () => {
		await recorded(true, true, [{}, { fail: true }]);
		const outputHits = findHits(readRecords(dir), []);
		expect(outputHits.map((h) => h.source)).toEqual(['runNode leaky output 0']);
		expect(outputHits[0].masked).toContain('leakyApi.apiKey');
		await recorded(true, false, [{ fail: true }]);
		const all = findHits(readRecords(dir), []);
		expect(all.map((h) => h.source).sort()).toEqual(['runNode leaky error', 'runNode leaky output 0', 'runNode leaky run error']);
		const report = describeHits(all);
		expect(report).toContain('3 secret(s)');
		expect(report).not.toContain(PLANTED);
		expect(report).toContain(PLANTED.slice(0, 3));
	});

	it('reports a planted secret in a log line, URL-encoded or plain, and a known secret', async () => {
		const { recorder } = await recorded(false, false, [{}]);
		expect(findHits(readRecords(dir), [])).toEqual([]);
		recorder.recordSecret('planted', 'p@ss word/123');
		recorder.recordOutput('console.warn', 'retrying https://x.example/?p=p%40ss%20word%2F123');
		recorder.recordOutput('console.log', `portal answered for ${KNOWN_SECRETS[0].value}`);
		const hits = findHits(readRecords(dir));
		expect(hits.map((h) => [h.source, h.secret])).toEqual([
			['console.warn', 'p@ss word/123'],
			['console.log', KNOWN_SECRETS[0].value],
		]);
	});

	it('ignores clean output and too-short values', async () => {
		const { recorder } = await recorded(false, false, [{}]);
		recorder.recordSecret('short', 'abc');
		recorder.recordOutput('console.log', 'abc abc abc');
		expect(findHits(readRecords(dir), [])).toEqual([]);
	});
});

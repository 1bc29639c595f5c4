/**
 * The fault table in its CI size (scripts/faults.ts): every writing operation ends with zero
 * duplicates and zero missing items, counted from the fakes' state, under injected 429/503/500,
 * resets, slow answers past the timeout (answered late, or carried out late) and answers lost
 * after the write.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { failures, formatTable, row, runFaults, type FaultRow } from '../../scripts/faults';

const WRITES = [
	'Bitrix24|Order > Export',
	'Bitrix24|Company > Send to Bitrix24',
	'Bitrix24|Deal > Create',
	'Bitrix24|Timeline Comment > Add',
	'Bitrix24|Product Row > Set',
	'Pixlpark|Order > Set Status',
	'Pixlpark|Order > Add Comment',
	'ASystem|Order > Send',
	'HelloPrint|Order > Send',
];
const READS = ['Bitrix24|Deal > Get', 'Pixlpark|Order > Get Full', 'ASystem|Template > Get', 'HelloPrint|Template > Get'];

describe('fault table (CI size)', () => {
	let rows: FaultRow[];

	beforeAll(async () => {
		rows = await runFaults({ size: 'ci' });
	}, 240_000);

	it('covers every operation it promises', () => {
		const keys = rows.map((r) => `${r.node}|${r.operation}`);
		for (const key of [...WRITES, ...READS]) expect(keys).toContain(key);
		expect(rows.some((r) => r.node.startsWith('1C') && r.writes)).toBe(true);
		// Triggers deliver orders: a lost one is as bad as a lost write, so they count as writing rows.
		expect(rows.filter((r) => r.node === 'Pixlpark Poll Trigger' && r.writes)).toHaveLength(2);
	});

	it('every writing operation: zero duplicates and zero missing, and faults really were injected', () => {
		const writing = rows.filter((r) => r.writes);
		expect(writing.length).toBeGreaterThanOrEqual(WRITES.length + 3);
		for (const r of writing) {
			const injected = Object.values(r.faults).reduce((a, b) => a + b, 0);
			expect({ row: `${r.node} ${r.operation}`, duplicates: r.duplicates, missing: r.missing, injected: injected > 0 }).toEqual({
				row: `${r.node} ${r.operation}`,
				duplicates: 0,
				missing: 0,
				injected: true,
			});
			expect(r.ok + r.errors).toBe(r.itemsIn);
		}
		expect(failures(rows)).toEqual([]);
	});

	it('operations keyed by the order: their error items run again (no faults) leave exactly one record per item', () => {
		const keyed = ['Bitrix24|Order > Export', 'Bitrix24|Company > Send to Bitrix24', 'Bitrix24|Product Row > Set', 'Pixlpark|Order > Set Status', 'ASystem|Order > Send', 'HelloPrint|Order > Send'];
		for (const key of keyed) {
			const r = rows.find((x) => `${x.node}|${x.operation}` === key)!;
			expect({ key, rerun: r.rerun }).toEqual({ key, rerun: { items: r.errors, duplicates: 0, missing: 0 } });
		}
		// Raw creates have no key to find an earlier attempt by: running them again is not offered as safe.
		expect(rows.find((x) => x.operation === 'Deal > Create')!.rerun).toBeUndefined();
	});

	it('every fault kind hit at least one of the writing operations that speak HTTP to a server', () => {
		const totals: Record<string, number> = {};
		for (const r of rows.filter((x) => x.writes)) for (const [kind, n] of Object.entries(r.faults)) totals[kind] = (totals[kind] ?? 0) + n;
		for (const kind of ['429', '503', '500', 'reset', 'slow', 'stall', 'lostAnswer']) expect(totals[kind]).toBeGreaterThan(0);
		expect(formatTable(rows)).toContain('| Bitrix24 | Order > Export | yes |');
	});

	it('reads: every input item answered once or failed clearly', () => {
		for (const r of rows.filter((x) => !x.writes)) {
			expect({ row: r.operation, duplicates: r.duplicates, missing: r.missing }).toEqual({ row: r.operation, duplicates: 0, missing: 0 });
		}
	});
});

describe('fault table counting', () => {
	const none = { '429': 0, '503': 0, '500': 0, reset: 0, slow: 0, stall: 0, lostAnswer: 0 };
	const item = (index: number, json: object = {}): INodeExecutionData => ({ json: json as INodeExecutionData['json'], pairedItem: { item: index } });

	it('counts a record created twice as a duplicate; an item the node called done but the fake never stored is missing', () => {
		const outputs = [[item(0), item(1), item(2, { error: 'Item 2: broke' })]];
		const records = [2, 0, 0, 1];
		const result = row('X', 'Op', true, none, outputs, 4, { records: (i) => records[i] }, Date.now());
		expect(result).toMatchObject({ itemsIn: 4, ok: 2, errors: 1, duplicates: 1, missing: 1 });
		expect(failures([result])).toHaveLength(1);
	});

	it('reads: an item answered twice is a duplicate, an unanswered one is missing', () => {
		const result = row('X', 'Read', false, none, [[item(0), item(0), item(2, { error: 'x' })]], 3, {}, Date.now());
		expect(result).toMatchObject({ duplicates: 1, missing: 1, ok: 1, errors: 1 });
		expect(failures([result])).toEqual([]);
	});
});

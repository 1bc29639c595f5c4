/**
 * 1C:Polygraphy template parsing speed: a generated 100,000-row template (Windows-1251, `;`,
 * quoted fields with separators and doubled quotes, prices with decimal commas), parsed in the
 * same run by the node's template parser (decode + detect + csv-parse + price/quantity columns +
 * parameter values) and by raw csv-parse on the already decoded text. Prints rows per second for
 * both and the ratio (target: the node's parser within 2x of raw csv-parse).
 *
 *   npx ts-node --transpile-only scripts/bench-onec.ts [rows]
 */
import { parse } from 'csv-parse/sync';
import { encodeXmlText } from '../nodes/OneCPolygraphy/helpers/encoding';
import { parseTemplate } from '../nodes/OneCPolygraphy/helpers/template';

const ROWS = Number(process.argv[2] ?? 100_000);
const ROUNDS = 5;

function generate(rows: number): string {
	const formats = ['A6 (105x148)', 'A5 (148x210)', 'A4 (210x297)', 'A3 (297x420)', '"Евро", 99x210'];
	const colours = ['4+0', '4+4', '1+0', '1+1'];
	const papers = Array.from({ length: 50 }, (_, i) => `Бумага №${i + 1}; ${130 + i * 10} г`);
	const runs = [50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000];
	const lines = ['Формат;Красочность;Бумага;Ламинация;Тираж;Цена'];
	const q = (s: string) => (/[;"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	let n = 0;
	outer: for (const paper of papers) {
		for (const format of formats) {
			for (const colour of colours) {
				for (const lam of ['нет', 'глянец 1+0', 'мат 1+1']) {
					for (const run of runs) {
						if (n++ >= rows) break outer;
						const price = ((run * (1 + formats.indexOf(format)) * 0.37 + papers.indexOf(paper)) * 1.01).toFixed(2).replace('.', ',');
						lines.push([q(format), colour, q(paper), q(lam), String(run), price].join(';'));
					}
				}
			}
		}
	}
	// More combinations than the nested lists give: number the papers further.
	for (let i = n; i < rows; i++) lines.push(`A4 (210x297);4+0;"Бумага доп. ${i}; 300 г";нет;100;${(i % 997) + 0.5}`.replace('.', ','));
	return lines.join('\r\n') + '\r\n';
}

function time(fn: () => unknown): number {
	const start = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - start) / 1e9;
}

const text = generate(ROWS);
const bytes = encodeXmlText(text, 'windows-1251');
if (bytes.includes('&#')) throw new Error('generated text is not Windows-1251');
process.stdout.write(`template: ${ROWS} rows, ${(bytes.length / 1e6).toFixed(1)} MB Windows-1251\n`);

// Warm up both, and check that they agree on the row count.
const check = parseTemplate(bytes);
const raw = parse(text, { delimiter: ';' }) as string[][];
if (check.choices !== raw.length - 1 || check.choices !== ROWS) throw new Error(`row counts differ: node ${check.choices}, raw ${raw.length - 1}`);

let nodeBest = Infinity;
let rawBest = Infinity;
for (let round = 0; round < ROUNDS; round++) {
	rawBest = Math.min(rawBest, time(() => parse(text, { delimiter: ';' })));
	nodeBest = Math.min(nodeBest, time(() => parseTemplate(bytes)));
}
const rate = (seconds: number) => Math.round(ROWS / seconds).toLocaleString('en-US');
process.stdout.write(`raw csv-parse (decoded text, delimiter given): ${rate(rawBest)} rows/s (${(rawBest * 1000).toFixed(0)} ms)\n`);
process.stdout.write(`node template parser (bytes -> template JSON): ${rate(nodeBest)} rows/s (${(nodeBest * 1000).toFixed(0)} ms)\n`);
const ratio = nodeBest / rawBest;
process.stdout.write(`ratio: ${ratio.toFixed(2)}x raw (target <= 2x): ${ratio <= 2 ? 'OK' : 'SLOWER THAN TARGET'}\n`);
process.stdout.write(`parameters: ${check.parameters.map((p) => `${p.name} (${p.values.length})`).join(', ')}; runs: ${check.quantities?.length}\n`);

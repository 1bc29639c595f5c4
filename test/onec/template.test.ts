import { parse } from 'csv-parse/sync';
import { lookupPrice } from '../../nodes/OneCPolygraphy/helpers/price';
import { decodeTemplate, detectSeparator, parseTemplate, restrictTemplate, TemplateError } from '../../nodes/OneCPolygraphy/helpers/template';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { runNode } from '../helpers/engine';
import { binaryItem, CARD_HEADER, CARD_ROWS, cp1251, csv, utf8 } from './data';

const SEPARATORS: Array<[string, string]> = [
	['semicolon', ';'],
	['comma', ','],
	['tab', '\t'],
];
const ENCODINGS: Array<[string, (text: string) => Buffer, string]> = [
	['Windows-1251', cp1251, 'windows-1251'],
	['UTF-8 with BOM', (t) => utf8(t, true), 'utf-8'],
	['UTF-8 without BOM', (t) => utf8(t), 'utf-8'],
];

function expectError(fn: () => unknown, message: RegExp, line?: number) {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(TemplateError);
	expect((caught as TemplateError).message).toMatch(message);
	if (line !== undefined) expect((caught as TemplateError).line).toBe(line);
}

describe('template files: encodings x separators', () => {
	for (const [encName, encode, encoding] of ENCODINGS) {
		for (const [sepName, sep] of SEPARATORS) {
			it(`${encName}, ${sepName}`, () => {
				const template = parseTemplate(encode(csv(CARD_HEADER, CARD_ROWS, sep)), { fileName: 'визитки.csv' });
				expect(template.encoding).toBe(encoding);
				expect(template.separator).toBe(sep);
				expect(template.choices).toBe(24);
				expect(template.priceColumn).toBe('Цена');
				expect(template.quantityColumn).toBe('Тираж');
				expect(template.quantities).toEqual([100, 500, 1000]);
				expect(template.parameters).toEqual([
					{ name: 'Формат', values: ['90x50', '85x55'] },
					{ name: 'Красочность', values: ['4+0', '4+4'] },
					// The quoted field with a comma and doubled quotes survives every separator.
					{ name: 'Бумага', values: ['Мелованная «Galerie» 300 г', 'Дизайнерская "Touch", 350'] },
				]);
				expect(template.columns).toEqual(['Формат', 'Красочность', 'Бумага', 'Тираж', 'Цена']);
				expect(template.rows[0]).toEqual(['90x50', '4+0', 'Мелованная «Galerie» 300 г', 100, 800]);
				expect(template.rows[23]).toEqual(['85x55', '4+4', 'Дизайнерская "Touch", 350', 1000, 19200]);
			});
		}
	}

	it('detects the separator outside quotes only', () => {
		expect(detectSeparator('"a;b;c;d",x,y\n')).toBe(',');
		expect(detectSeparator('a\tb\tc\n1;2')).toBe('\t');
	});

	it('reads Windows-1251 bytes that are not valid UTF-8 as Cyrillic', () => {
		expect(decodeTemplate(Buffer.from([0xd6, 0xe5, 0xed, 0xe0])).text).toBe('Цена');
	});

	it('keeps newlines inside quoted fields and prices with spaces and commas', () => {
		const text = 'Изделие;Цена\n"Футболка\nбелая";"1 234,50"\nКепка;99\n';
		const template = parseTemplate(utf8(text));
		expect(template.parameters[0].values).toEqual(['Футболка\nбелая', 'Кепка']);
		expect(template.rows.map((r) => r[1])).toEqual([1234.5, 99]);
		expect(template.quantityColumn).toBeUndefined();
	});

	it('takes the price and quantity columns the user names, and ignores columns', () => {
		const text = 'Артикул;Формат;Кол;Сумма за тираж\nA-1;A4;10;100\nA-2;A3;10;180\n';
		const template = parseTemplate(utf8(text), { priceColumn: 'Сумма за тираж', quantityColumn: 'Кол', ignoreColumns: ['Артикул'] });
		expect(template.parameters).toEqual([{ name: 'Формат', values: ['A4', 'A3'] }]);
		expect(template.priceColumn).toBe('Сумма за тираж');
		expect(template.rows).toEqual([
			['A4', 10, 100],
			['A3', 10, 180],
		]);
	});
});

describe('broken template files give clear errors with line numbers', () => {
	it('unbalanced quotes: the line where the quoted field opens', () => {
		const text = 'Формат;Цена\nA4;100\n"A3;200\nA5;50\n';
		expectError(() => parseTemplate(utf8(text), { fileName: 'bad.csv' }), /^Template "bad.csv": line 3: unbalanced quotes/, 3);
	});

	it('text after a closing quote', () => {
		expectError(() => parseTemplate(utf8('Формат;Цена\nA4;100\n"A3"x;200\n')), /line 3: unbalanced quotes/, 3);
	});

	it('no price column: lists the columns', () => {
		expectError(() => parseTemplate(utf8('Формат;Бумага\nA4;офсет\n')), /line 1: no price column found .* The columns are: "Формат", "Бумага"/, 1);
	});

	it('a named price column that does not exist', () => {
		expectError(() => parseTemplate(utf8('Формат;Цена\nA4;1\n'), { priceColumn: 'Стоимость' }), /line 1: there is no price column "Стоимость"/, 1);
	});

	it('empty file, only spaces, only a BOM', () => {
		expectError(() => parseTemplate(Buffer.alloc(0)), /the file is empty/, 1);
		expectError(() => parseTemplate(utf8('  \r\n\r\n')), /the file is empty/, 1);
		expectError(() => parseTemplate(utf8('', true)), /the file is empty/, 1);
	});

	it('a header without rows', () => {
		expectError(() => parseTemplate(utf8('Формат;Цена\n')), /line 2: the file has a header but no rows/, 2);
	});

	it('a row with a different number of fields', () => {
		expectError(() => parseTemplate(utf8('Формат;Цена\nA4;1\nA3;2;3\n')), /line 3: Invalid Record Length/, 3);
	});

	it('a price that is not a number, counted in file lines (blank lines and multi-line fields included)', () => {
		const text = 'Изделие;Цена\n\n"Футболка\nбелая";100\nКепка;бесплатно\n';
		expectError(() => parseTemplate(utf8(text)), /line 5: price "бесплатно" in column "Цена" is not a number/, 5);
	});
});

describe('restricting parameters', () => {
	const template = parseTemplate(utf8(csv(CARD_HEADER, CARD_ROWS, ';')));

	it('keeps only the chosen values', () => {
		const restricted = restrictTemplate(template, [
			{ parameter: 'Формат', value: '90x50' },
			{ parameter: 'бумага', value: 'мелованная «galerie» 300 г' },
		]);
		expect(restricted.choices).toBe(6);
		expect(restricted.parameters).toEqual([
			{ name: 'Формат', values: ['90x50'] },
			{ name: 'Красочность', values: ['4+0', '4+4'] },
			{ name: 'Бумага', values: ['Мелованная «Galerie» 300 г'] },
		]);
		expect(restricted.rows.every((r) => r[0] === '90x50' && r[2] === 'Мелованная «Galerie» 300 г')).toBe(true);
	});

	it('an unknown parameter or value names the valid ones', () => {
		expect(() => restrictTemplate(template, [{ parameter: 'Размер', value: 'A4' }])).toThrow(/no parameter "Размер"; its parameters are: "Формат", "Красочность", "Бумага"/);
		expect(() => restrictTemplate(template, [{ parameter: 'Формат', value: 'A4' }])).toThrow(/"Формат" has no value "A4"; its values are: "90x50", "85x55"/);
	});
});

describe('price lookup', () => {
	const template = parseTemplate(cp1251(csv(CARD_HEADER, CARD_ROWS, ';')));
	const values = { Формат: '90x50', Красочность: '4+4', Бумага: 'Мелованная «Galerie» 300 г' };

	it('exact run, price for the whole run', () => {
		expect(lookupPrice(template, { values, quantity: 500, priceMeans: 'run' })).toEqual({
			parameters: values,
			quantity: 500,
			run: 500,
			templatePrice: 5600,
			unitPrice: 11.2,
			total: 5600,
		});
	});

	it('between runs: the largest run not above the quantity sets the unit price', () => {
		const price = lookupPrice(template, { values, quantity: 700, priceMeans: 'run' });
		expect(price.run).toBe(500);
		expect(price.unitPrice).toBe(11.2);
		expect(price.total).toBe(7840);
	});

	it('price per piece', () => {
		const price = lookupPrice(template, { values, quantity: 100, priceMeans: 'unit' });
		expect(price).toMatchObject({ unitPrice: 1120, total: 112000 });
	});

	it('names and values match without case', () => {
		expect(lookupPrice(template, { values: { формат: '90X50', КРАСОЧНОСТЬ: '4+4', бумага: 'мелованная «galerie» 300 г' }, quantity: 100, priceMeans: 'run' }).templatePrice).toBe(1120);
	});

	it('a quantity below the smallest run lists the runs', () => {
		expect(() => lookupPrice(template, { values, quantity: 50, priceMeans: 'run' })).toThrow(/quantity 50 is below the smallest run .*; runs: 100, 500, 1000/);
	});

	it('a value that is not in the template lists the values', () => {
		expect(() => lookupPrice(template, { values: { ...values, Формат: 'A4' }, quantity: 100, priceMeans: 'run' })).toThrow(/"Формат" has no value "A4" \(values: "90x50", "85x55"\)/);
	});

	it('a missing parameter names it and its values', () => {
		expect(() => lookupPrice(template, { values: { Формат: '90x50', Бумага: 'Мелованная «Galerie» 300 г' }, quantity: 100, priceMeans: 'run' })).toThrow(/no value given for "Красочность"; "Красочность" is one of "4\+0", "4\+4"/);
	});

	it('a combination that is not in the template lists the nearest valid choices', () => {
		// Remove one combination: 85x55 / 4+4 / Дизайнерская.
		const rows = CARD_ROWS.filter((r) => !(r[0] === '85x55' && r[1] === '4+4' && r[2].startsWith('Диз')));
		const sparse = parseTemplate(utf8(csv(CARD_HEADER, rows, ';')));
		const wanted = { Формат: '85x55', Красочность: '4+4', Бумага: 'Дизайнерская "Touch", 350' };
		let message = '';
		try {
			lookupPrice(sparse, { values: wanted, quantity: 100, priceMeans: 'run' });
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain('the combination Формат=85x55, Красочность=4+4, Бумага=Дизайнерская "Touch", 350 is not in the template');
		expect(message).toContain('Формат="90x50"');
		expect(message).toContain('Красочность="4+0"');
		expect(message).toContain('Бумага="Мелованная «Galerie» 300 г"');
		// Only one-parameter changes are offered (the nearest rows differ in exactly one parameter).
		expect(message).not.toContain(' and ');
	});
});

describe('1C Polygraphy node: Template in the n8n engine', () => {
	const node = new OneCPolygraphy();

	it('Parse: outputs the template JSON; Restrict Parameters applies', async () => {
		const result = await runNode({
			node,
			parameters: {
				resource: 'template',
				operation: 'parse',
				binaryPropertyName: 'data',
				restrictions: { value: [{ parameter: 'Формат', value: '85x55' }] },
			},
			items: [binaryItem(cp1251(csv(CARD_HEADER, CARD_ROWS, ';')))],
		});
		expect(result.error).toBeUndefined();
		const [json] = result.json;
		expect(json).toMatchObject({ fileName: 'визитки.csv', encoding: 'windows-1251', separator: ';', choices: 12, priceColumn: 'Цена', quantityColumn: 'Тираж' });
		expect((json.parameters as Array<{ name: string; values: string[] }>)[0]).toEqual({ name: 'Формат', values: ['85x55'] });
		expect((json.rows as unknown[]).length).toBe(12);
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('Parse: a broken file fails the item with the line; Continue on Fail keeps the others', async () => {
		const good = binaryItem(utf8(csv(CARD_HEADER, CARD_ROWS, ',')), 'ok.csv');
		const bad = binaryItem(utf8('Формат;Цена\n"A4;1\n'), 'bad.csv');
		const failed = await runNode({ node, parameters: { resource: 'template', operation: 'parse', binaryPropertyName: 'data' }, items: [good, bad] });
		expect(failed.error?.message).toBe('Item 1: Template "bad.csv": line 2: unbalanced quotes: a quoted field opened here is never closed');
		expect(failed.error?.description).toBe('Line 2 of the template file.');
		const kept = await runNode({ node, parameters: { resource: 'template', operation: 'parse', binaryPropertyName: 'data', includeRows: false }, items: [good, bad], continueOnFail: true });
		expect(kept.json[0]).toMatchObject({ fileName: 'ok.csv', choices: 24 });
		expect(kept.json[0].rows).toBeUndefined();
		expect(kept.json[1].error).toMatch(/^Item 1: Template "bad.csv": line 2: unbalanced quotes/);
		expect(kept.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Parse: a missing binary property is named', async () => {
		const result = await runNode({ node, parameters: { resource: 'template', operation: 'parse', binaryPropertyName: 'file' }, items: [binaryItem(utf8('a;Цена\n1;2\n'))] });
		expect(result.error?.message).toBe('Item 0: no binary property "file" with the template file; the item has "data"');
	});

	it('Get Price: from the binary file and from the parsed JSON', async () => {
		const parameterValues = { value: [{ name: 'Формат', value: '90x50' }, { name: 'Красочность', value: '4+0' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }] };
		const fromFile = await runNode({
			node,
			parameters: { resource: 'template', operation: 'getPrice', templateSource: 'binary', templateBinaryProperty: 'data', parameterValues, quantity: 1000, priceMeans: 'run' },
			items: [binaryItem(cp1251(csv(CARD_HEADER, CARD_ROWS, ';')), 'визитки.csv', 'data', { orderId: '7' })],
		});
		expect(fromFile.error).toBeUndefined();
		expect(fromFile.json[0]).toEqual({ orderId: '7', price: { parameters: { Формат: '90x50', Красочность: '4+0', Бумага: 'Мелованная «Galerie» 300 г' }, quantity: 1000, run: 1000, templatePrice: 8000, unitPrice: 8, total: 8000 } });

		const template = parseTemplate(utf8(csv(CARD_HEADER, CARD_ROWS, ';')));
		const fromJson = await runNode({
			node,
			parameters: { resource: 'template', operation: 'getPrice', templateSource: 'json', templateField: 'template', parameterValues, quantity: 150, priceMeans: 'unit' },
			items: [{ template }],
		});
		expect(fromJson.json[0].price).toEqual({ parameters: { Формат: '90x50', Красочность: '4+0', Бумага: 'Мелованная «Galerie» 300 г' }, quantity: 150, run: 100, templatePrice: 800, unitPrice: 800, total: 120000 });
	});

	it('Get Price: a combination not in the template names the item and the nearest values', async () => {
		const result = await runNode({
			node,
			parameters: {
				resource: 'template',
				operation: 'getPrice',
				templateSource: 'binary',
				templateBinaryProperty: 'data',
				parameterValues: { value: [{ name: 'Формат', value: '90x50' }, { name: 'Красочность', value: '4+1' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }] },
				quantity: 100,
			},
			items: [binaryItem(utf8(csv(CARD_HEADER, CARD_ROWS, ';')))],
		});
		expect(result.error?.message).toBe('Item 0: Template "визитки.csv": "Красочность" has no value "4+1" (values: "4+0", "4+4")');
	});
});

describe('the template parser against raw csv-parse (sanity, no timing)', () => {
	it('reads the same cells as csv-parse', () => {
		const text = csv(CARD_HEADER, CARD_ROWS, ';');
		const raw = parse(text, { delimiter: ';' }) as string[][];
		const template = parseTemplate(utf8(text));
		expect(template.rows.map((r) => r.slice(0, 3))).toEqual(raw.slice(1).map((r) => r.slice(0, 3)));
	});
});

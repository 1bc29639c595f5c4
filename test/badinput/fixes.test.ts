/** Regressions for the bugs the bad-input corpus found (one test each, at the smallest level). */
import { XMLValidator } from 'fast-xml-parser';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { toPhpQuery } from '../../nodes/Bitrix24/transport/phpQuery';
import { parseTemplate } from '../../nodes/OneCPolygraphy/helpers/template';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { Pixlpark } from '../../nodes/Pixlpark/Pixlpark.node';
import { parseShopDate } from '../../nodes/shared/order';
import { startPortal } from '../bitrix24/harness';
import { startFakePixlpark } from '../fakes/pixlpark';
import { runNode } from '../helpers/engine';
import { CARD_HEADER, CARD_ROWS, csv, utf8 } from '../onec/data';
import { goodOrder, HUGE } from './corpus';

describe('bad-input fixes', () => {
	it('Bitrix24 batch commands: a lone surrogate is sent as U+FFFD instead of a URIError failing every item', () => {
		expect(toPhpQuery({ fields: { TITLE: 'a\uD800b', ['k\uDFFF']: 'x' } })).toBe('fields[TITLE]=a%EF%BF%BDb&fields[k%EF%BF%BD]=x');
		expect(toPhpQuery({ fields: { TITLE: '😀' } })).toBe('fields[TITLE]=%F0%9F%98%80');
	});

	it('Order dates: /Date(ms)/ outside Date\'s range is "not a date" (was a RangeError without item or field)', () => {
		expect(parseShopDate('/Date(99999999999999999)/')).toBeUndefined();
		expect(parseShopDate('/Date(1626974880000+0300)/')).toBe('2021-07-22T17:28:00.000Z');
	});

	it.each(['utf-8', 'windows-1251'])('1C CommerceML (%s): NUL, control characters and lone surrogates never make the file invalid XML', async (fileEncoding) => {
		const order = goodOrder('XMLX');
		order.title = 'a\u0000b\u0007c\u001b \uD800 end';
		(order.comments as Array<{ text: string }>)[0].text = 'line\u0000end\uDFFF';
		const result = await runNode({ node: new OneCPolygraphy(), parameters: { resource: 'order', operation: 'build', output: 'perOrder', binaryPropertyName: 'data', fileEncoding }, items: [order] });
		expect(result.error).toBeUndefined();
		const bytes = Buffer.from(result.outputs[0][0].binary!.data.data, 'base64');
		const text = fileEncoding === 'utf-8' ? bytes.toString('utf8') : new TextDecoder('windows-1251').decode(bytes);
		expect(XMLValidator.validate(text)).toBe(true);
		expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|&#5529[6-9];|&#5[5-7]\d{3};/);
		expect(text).toContain('abc');
		expect(text).toContain(fileEncoding === 'utf-8' ? 'line' + 'end\uFFFD' : 'lineend&#65533;');
	});

	it('Pixlpark: an Order ID that is not a number is refused before any request, and a huge one or a huge status is not echoed', async () => {
		const fake = await startFakePixlpark({ orders: 2 });
		try {
			const id = [...fake.orders.keys()][0];
			const run = (items: object[]) =>
				runNode({ node: new Pixlpark(), parameters: { resource: 'order', operation: 'setStatus', orderId: '={{ $json.id }}', status: '={{ $json.status }}', notify: false }, items: items as never, credentialTypes: [new PixlparkApi()], credentials: { pixlparkApi: fake.credentials() }, continueOnFail: true });
			const result = await run([{ id: '12/../13', status: 'Printing' }, { id: HUGE, status: 'Printing' }, { id, status: HUGE }]);
			expect(result.json[0].error).toBe('Item 0: field "Order ID" must be the order\'s number in Pixlpark (digits only), got "12/../13"');
			expect(String(result.json[1].error)).toMatch(/^Item 1: field "Order ID" must be .{0,120}$/);
			expect(String(result.json[2].error)).toMatch(/^Item 2: field "Status" has an unknown Pixlpark status "Ж{40}…"$/);
			expect(fake.statusChanges).toEqual([]);
		} finally {
			await fake.close();
		}
	});

	it('Bitrix24 CRM: an amount that is not a number and a title that is an object are refused; a huge ID is not echoed', async () => {
		const portal = await startPortal();
		try {
			const create = await portal.run({ resource: 'deal', operation: 'create', fields: { title: '={{ $json.title }}', opportunity: '={{ $json.amount }}' } }, [{ title: 'ok', amount: 'NaN' }, { title: { a: 1 }, amount: 1 }, { title: 'fine', amount: '12,50' }], { continueOnFail: true });
			expect(create.json[0].error).toBe('Item 0: field "Amount" must be a number, got "NaN"');
			expect(create.json[1].error).toBe('Item 1: field "Title" must be text, got an object');
			expect(create.json[2].id).toBeDefined();
			expect([...portal.fake.db.deals.values()].map((d) => d.TITLE)).toEqual(['fine']);
			const update = await portal.run({ resource: 'deal', operation: 'update', id: '={{ $json.id }}', fields: { title: 'x' } }, [{ id: HUGE }], { continueOnFail: true });
			expect(String(update.json[0].error)).toMatch(/^Item 0: field "Deal ID" must be a positive whole number, got "Ж{40}…"$/);
		} finally {
			await portal.fake.close();
		}
	});

	it('1C Get Price: Quantity "Infinity" is refused; a huge parameter value is shown in part', async () => {
		const template = parseTemplate(utf8(csv(CARD_HEADER, CARD_ROWS, ';')));
		const result = await runNode({
			node: new OneCPolygraphy(),
			parameters: { resource: 'template', operation: 'getPrice', templateSource: 'json', templateField: 'template', parameterValues: { value: [{ name: 'Формат', value: '={{ $json.format }}' }, { name: 'Красочность', value: '4+0' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }] }, quantity: '={{ $json.quantity }}', priceMeans: 'run' },
			items: [{ template, format: '90x50', quantity: 'Infinity' }, { template, format: HUGE, quantity: 100 }, { template, format: '90x50', quantity: 100 }],
			continueOnFail: true,
		});
		expect(result.json[0].error).toBe('Item 0: field "Quantity" must be a positive number, got "Infinity"');
		expect(String(result.json[1].error)).toMatch(/^Item 1: Template .*"Ж{40}…" \(524288 characters\)/);
		expect(String(result.json[1].error).length).toBeLessThan(400);
		expect(result.json[2].price).toMatchObject({ quantity: 100, total: 800 });
	});
});

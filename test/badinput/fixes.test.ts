/** Regressions for the bugs the bad-input corpus found (one test each, at the smallest level). */
import { XMLValidator } from 'fast-xml-parser';
import { toPhpQuery } from '../../nodes/Bitrix24/transport/phpQuery';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { parseShopDate } from '../../nodes/shared/order';
import { runNode } from '../helpers/engine';
import { goodOrder } from './corpus';

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
});

import { parse as parseQuerystring } from 'querystring';

import { FormBodyError, normalizeParsedForm, parseFormBody, splitBracketKey } from '../../nodes/shared/formBody';

const BITRIX_BODY =
	'event=ONCRMDEALUPDATE&event_handler_id=7&data%5BFIELDS%5D%5BID%5D=123&ts=1733340000' +
	'&auth%5Bdomain%5D=shop.bitrix24.ru&auth%5Bclient_endpoint%5D=https%3A%2F%2Fshop.bitrix24.ru%2Frest%2F' +
	'&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmember_id%5D=abc123&auth%5Bapplication_token%5D=tok%2Bken';

const EXPECTED = {
	event: 'ONCRMDEALUPDATE',
	event_handler_id: '7',
	data: { FIELDS: { ID: '123' } },
	ts: '1733340000',
	auth: {
		domain: 'shop.bitrix24.ru',
		client_endpoint: 'https://shop.bitrix24.ru/rest/',
		server_endpoint: 'https://oauth.bitrix.info/rest/',
		member_id: 'abc123',
		application_token: 'tok+ken',
	},
};

function reasonOf(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		if (error instanceof FormBodyError) return error.reason;
		throw error;
	}
	return 'no error';
}

describe('parseFormBody', () => {
	test('turns a Bitrix24 event body with bracket keys into nested JSON', () => {
		expect(parseFormBody(BITRIX_BODY)).toEqual(EXPECTED);
		expect(parseFormBody(Buffer.from(BITRIX_BODY))).toEqual(EXPECTED);
	});

	test('decodes + as a space and keeps values as strings', () => {
		expect(parseFormBody('a=hello+world&b=%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82&c=')).toEqual({ a: 'hello world', b: 'привет', c: '' });
	});

	test('[] appends to a list; named keys nest', () => {
		expect(parseFormBody('ids[]=1&ids[]=2&rows[0][id]=5&rows[1][id]=6')).toEqual({ ids: ['1', '2'], rows: { '0': { id: '5' }, '1': { id: '6' } } });
	});

	test('__proto__, constructor and prototype keys are ignored and nothing is polluted', () => {
		const parsed = parseFormBody('__proto__[polluted]=yes&a[__proto__][polluted]=yes&constructor[prototype][polluted]=yes&b[constructor]=x&ok=1');
		expect(parsed).toEqual({ ok: '1' });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
	});

	test('malformed bodies throw FormBodyError("malformed")', () => {
		expect(reasonOf(() => parseFormBody('a=%E0%A4%A'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('a[b=1'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('a]=1'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('[a]=1'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('=1'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('a=1&a[b]=2'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('a[b]=2&a=1'))).toBe('malformed');
		expect(reasonOf(() => parseFormBody('a[b]x=1'))).toBe('malformed');
	});

	test('size, key count and depth are bounded: FormBodyError("too-large")', () => {
		expect(reasonOf(() => parseFormBody(`a=${'x'.repeat(64 * 1024)}`))).toBe('too-large');
		expect(reasonOf(() => parseFormBody(Array.from({ length: 1001 }, (_, i) => `k${i}=1`).join('&')))).toBe('too-large');
		expect(reasonOf(() => parseFormBody(`a${'[x]'.repeat(9)}=1`))).toBe('too-large');
		expect(parseFormBody(`a${'[x]'.repeat(8)}=1`)).toBeDefined();
		expect(reasonOf(() => parseFormBody('a=12345', { maxBytes: 4 }))).toBe('too-large');
	});

	test('splitBracketKey', () => {
		expect(splitBracketKey('data[FIELDS][ID]')).toEqual(['data', 'FIELDS', 'ID']);
		expect(splitBracketKey('ids[]')).toEqual(['ids', '']);
		expect(splitBracketKey('plain')).toEqual(['plain']);
	});
});

describe('normalizeParsedForm', () => {
	test('a body Node\'s querystring already parsed gives the same JSON as the raw body', () => {
		expect(normalizeParsedForm(parseQuerystring(BITRIX_BODY))).toEqual(EXPECTED);
		expect(normalizeParsedForm(parseQuerystring('ids[]=1&ids[]=2'))).toEqual({ ids: ['1', '2'] });
	});

	test('an already nested body is copied without forbidden keys', () => {
		const nested = JSON.parse('{"auth":{"application_token":"t","__proto__":{"polluted":"yes"}},"constructor":{"x":1},"data":{"FIELDS":{"ID":5}}}');
		const normalized = normalizeParsedForm(nested);
		expect(normalized).toEqual({ auth: { application_token: 't' }, data: { FIELDS: { ID: '5' } } });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('limits and shape apply too', () => {
		expect(reasonOf(() => normalizeParsedForm({ a: 'x'.repeat(70_000) }))).toBe('too-large');
		expect(reasonOf(() => normalizeParsedForm('text'))).toBe('malformed');
		expect(reasonOf(() => normalizeParsedForm(['a']))).toBe('malformed');
		expect(reasonOf(() => normalizeParsedForm({ 'a[b': '1' }))).toBe('malformed');
	});
});

/**
 * The bad-input corpus: Order items with one thing wrong each (wrong types, missing fields, huge
 * strings, invalid dates, negative prices, NaN/Infinity, arrays where objects belong), inputs
 * that are unusual but valid (Unicode: RTL, emoji, combining marks) or merely odd (NUL, lone
 * surrogates, prototype-pollution keys at any depth), scalar values for single fields, and
 * webhook bodies. No jest imports: usable from scripts too.
 */
import type { IDataObject } from 'n8n-workflow';
import { companyOrder, personOrder } from '../fixtures/orders';

/** 1 MB of text. */
export const HUGE = 'Ж'.repeat(512 * 1024);

/** What an item may do: fail naming the item and `field`, go through, or either (never crash). */
export type Expectation = 'error' | 'ok' | 'either';

export interface OrderCase {
	name: string;
	expect: Expectation;
	/** The field the error must name (as readOrder names it). */
	field?: string;
	/** The Order item (JSON-safe: it travels as n8n items do). */
	order(marker: string, company?: boolean): IDataObject;
}

/** A JSON object with an own `__proto__` key, as JSON.parse makes it from a request body. */
export function withOwn(key: string, value: unknown, rest: IDataObject = {}): IDataObject {
	const object = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as IDataObject;
	return Object.assign(object, rest);
}

/** Adds an own enumerable property even for `__proto__` (plain assignment would set the prototype). */
function setOwn(target: IDataObject, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const POLLUTION = { polluted: 'yes', isAdmin: true, toString: 'pwned' };

/** A good Order item carrying `marker` in its id, number, title and customer name, so a fake's state shows it. */
export function goodOrder(marker: string, company = false): IDataObject {
	const base = company ? companyOrder(1) : personOrder(1);
	const order = JSON.parse(JSON.stringify(base)) as IDataObject;
	order.id = marker;
	order.number = marker;
	order.title = `Order ${marker}`;
	const customer = order.customer as IDataObject;
	customer.name = `Client ${marker}`;
	customer.lastName = `Client ${marker}`;
	customer.phone = `+7 900 ${String(100 + (hash(marker) % 900))}-00-00`;
	customer.email = `${marker.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.ru`;
	if (company) {
		customer.companyName = `ООО ${marker}`;
		customer.inn = String(7700000000 + (hash(marker) % 99999999));
	}
	return order;
}

function hash(text: string): number {
	let h = 7;
	for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
	return h;
}

type Mutate = (order: IDataObject) => void;
const item0 = (o: IDataObject) => (o.items as IDataObject[])[0];
const customer = (o: IDataObject) => o.customer as IDataObject;

function mutated(mutate: Mutate, forceCompany = false) {
	return (marker: string, company = false) => {
		const order = goodOrder(marker, company || forceCompany);
		mutate(order);
		return order;
	};
}

const bad = (name: string, field: string, mutate: Mutate, company = false): OrderCase => ({ name, expect: 'error', field, order: mutated(mutate, company) });
const odd = (name: string, expect: Expectation, mutate: Mutate): OrderCase => ({ name, expect, order: mutated(mutate) });

export const ORDER_CASES: OrderCase[] = [
	// missing fields
	bad('id missing', 'id', (o) => delete o.id),
	bad('customer missing', 'customer', (o) => delete o.customer),
	bad('createdAt missing', 'createdAt', (o) => delete o.createdAt),
	bad('line name missing', 'items[0].name', (o) => delete item0(o).name),
	bad('company without companyName', 'customer.companyName', (o) => delete customer(o).companyName, true),
	// wrong types
	bad('id is an object', 'id', (o) => (o.id = { value: 1 })),
	bad('id is a boolean', 'id', (o) => (o.id = true)),
	bad('id is an array', 'id', (o) => (o.id = ['1'])),
	bad('customer is a string', 'customer', (o) => (o.customer = 'Иван')),
	bad('customer.type unknown', 'customer.type', (o) => (customer(o).type = 'alien')),
	bad('customer.phone is an object', 'customer.phone', (o) => (customer(o).phone = { number: 1 })),
	bad('title is a list', 'title', (o) => (o.title = ['a', 'b'])),
	bad('quantity is a word', 'items[0].quantity', (o) => (item0(o).quantity = 'много')),
	bad('prices.paid is an object', 'prices.paid', (o) => ((o.prices as IDataObject).paid = {})),
	// arrays where objects belong, and the reverse
	bad('customer is an array', 'customer', (o) => (o.customer = [{ name: 'x' }])),
	bad('prices is an array', 'prices', (o) => (o.prices = [1, 2])),
	bad('delivery is an array', 'delivery', (o) => (o.delivery = [])),
	bad('line is a string', 'items[0]', (o) => (o.items = ['Фотокнига'])),
	bad('line is an array', 'items[0]', (o) => (o.items = [[1, 2]])),
	bad('items is an object', 'items', (o) => (o.items = { 0: item0(o) })),
	bad('sku is an object', 'items[0].sku', (o) => (item0(o).sku = { Обложка: 'Твёрдая' })),
	bad('sku option is an array', 'items[0].sku[0]', (o) => (item0(o).sku = [['Обложка', 'Твёрдая']])),
	bad('comments is an object', 'comments', (o) => (o.comments = { text: 'x' })),
	// invalid dates
	bad('createdAt is a word', 'createdAt', (o) => (o.createdAt = 'yesterday')),
	bad('createdAt month 13', 'createdAt', (o) => (o.createdAt = '2026-13-45T99:99:99Z')),
	bad('createdAt /Date/ out of range', 'createdAt', (o) => (o.createdAt = '/Date(99999999999999999)/')),
	bad('createdAt number out of range', 'createdAt', (o) => (o.createdAt = 1e20)),
	bad('updatedAt is an object', 'updatedAt', (o) => (o.updatedAt = {})),
	bad('comment date is a word', 'comments[0].date', (o) => ((o.comments as IDataObject[])[0].date = 'позавчера')),
	// negative prices, NaN, Infinity (JSON has no NaN: they arrive as text)
	bad('negative total', 'prices.total', (o) => ((o.prices as IDataObject).total = -1)),
	bad('negative line price', 'items[0].price', (o) => (item0(o).price = -100)),
	bad('negative quantity', 'items[0].quantity', (o) => (item0(o).quantity = -2)),
	bad('negative delivery price', 'delivery.price', (o) => ((o.delivery as IDataObject).price = -300)),
	bad('total NaN', 'prices.total', (o) => ((o.prices as IDataObject).total = 'NaN')),
	bad('total Infinity', 'prices.total', (o) => ((o.prices as IDataObject).total = 'Infinity')),
	bad('total 1e309', 'prices.total', (o) => ((o.prices as IDataObject).total = '1e309')),
	bad('line total -Infinity', 'items[0].total', (o) => (item0(o).total = '-Infinity')),
	// huge strings (1 MB)
	bad('huge title', 'title', (o) => (o.title = HUGE)),
	bad('huge customer name', 'customer.name', (o) => (customer(o).name = HUGE)),
	bad('huge comment', 'comments[0].text', (o) => ((o.comments as IDataObject[])[0].text = HUGE)),
	bad('huge line name', 'items[0].name', (o) => (item0(o).name = HUGE)),
	// Unicode that must go through
	odd('RTL and bidi controls', 'ok', (o) => {
		customer(o).name = `${customer(o).name} مرحبا עולם`;
		o.title = `${o.title as string} \u202Eتجربة\u202C`;
	}),
	odd('emoji and ZWJ sequences', 'ok', (o) => {
		o.title = `${o.title as string} 😀👨‍👩‍👧 🇷🇺`;
		item0(o).name = 'Фотокнига 📸';
	}),
	odd('combining marks', 'ok', (o) => {
		customer(o).name = `${customer(o).name} Z̴̡a̷l̸g̵o й`;
	}),
	// odd text: may be refused, never a crash
	odd('NUL and control characters', 'either', (o) => {
		o.title = `${o.title as string} a\u0000b\u0007c\u001b[31m`;
		(o.comments as IDataObject[])[0].text = 'line\u0000\u0000end';
	}),
	odd('lone surrogates', 'either', (o) => {
		o.title = `${o.title as string} \uD800 \uDFFF`;
	}),
	// prototype-pollution keys at every depth
	odd('__proto__ at the top', 'either', (o) => setOwn(o, '__proto__', POLLUTION)),
	odd('constructor.prototype at the top', 'either', (o) => setOwn(o, 'constructor', { prototype: POLLUTION })),
	odd('__proto__ in customer', 'either', (o) => (o.customer = withOwn('__proto__', POLLUTION, customer(o)))),
	odd('__proto__ in prices', 'either', (o) => (o.prices = withOwn('__proto__', { total: 5, ...POLLUTION }, o.prices as IDataObject))),
	odd('prototype in a line', 'either', (o) => (o.items = [withOwn('prototype', POLLUTION, item0(o))])),
	odd('constructor in a sku option', 'either', (o) => (item0(o).sku = [withOwn('constructor', { prototype: POLLUTION }, { name: 'Обложка', value: 'Твёрдая' })])),
	odd('sku named __proto__', 'either', (o) => (item0(o).sku = [{ name: '__proto__', value: 'polluted' }, { name: 'constructor', value: 'x' }, { name: 'prototype', value: 'y' }])),
	odd('__proto__ in delivery and a comment', 'either', (o) => {
		o.delivery = withOwn('__proto__', POLLUTION, o.delivery as IDataObject);
		o.comments = [withOwn('__proto__', POLLUTION, (o.comments as IDataObject[])[0])];
	}),
	odd('field values named like prototype keys', 'either', (o) => {
		o.id = `__proto__-${o.id as string}`;
		customer(o).name = 'constructor';
		o.status = '__proto__';
	}),
];

/** Scalar values for single fields (IDs, statuses, comments, quantities) set through expressions. */
export const VALUE_CASES: Array<{ name: string; value: unknown }> = [
	{ name: 'object', value: { a: 1 } },
	{ name: 'array', value: [1, 2] },
	{ name: 'boolean', value: true },
	{ name: 'null', value: null },
	{ name: 'empty', value: '' },
	{ name: 'negative', value: -5 },
	{ name: 'NaN text', value: 'NaN' },
	{ name: 'Infinity text', value: 'Infinity' },
	{ name: 'huge', value: HUGE },
	{ name: 'NUL', value: 'a\u0000b' },
	{ name: 'RTL', value: '\u202Eمرحبا' },
	{ name: 'emoji', value: '😀👨‍👩‍👧' },
	{ name: '__proto__', value: '__proto__' },
	{ name: 'proto object', value: withOwn('__proto__', POLLUTION) },
	{ name: 'constructor object', value: withOwn('constructor', { prototype: POLLUTION }) },
];

/** JSON webhook bodies (Pixlpark Trigger) and the same shapes for form bodies (Bitrix24 Trigger). */
export const BODY_CASES: Array<{ name: string; body: unknown }> = [
	{ name: 'empty object', body: {} },
	{ name: 'null', body: null },
	{ name: 'array', body: [1, 2, 3] },
	{ name: 'string', body: 'hello' },
	{ name: 'number', body: 42 },
	{ name: 'huge string field', body: { Id: HUGE, event: 'placed' } },
	{ name: 'wrong types', body: { Id: { $gt: '' }, Status: ['x'], DateCreated: 'yesterday', Price: 'NaN', TotalPrice: -1 } },
	{ name: 'proto at top', body: withOwn('__proto__', POLLUTION, { Id: 1 }) },
	{ name: 'proto nested', body: { Id: 1, UserAdditionalInfo: withOwn('__proto__', POLLUTION), Items: [withOwn('constructor', { prototype: POLLUTION })] } },
	{ name: 'prototype key', body: withOwn('prototype', POLLUTION, { Id: 2 }) },
	{ name: 'unicode', body: { Id: 3, Title: '\u202Eمرحبا 😀 Z̴̡a̷l̸g̵o a\u0000b \uD800' } },
	{ name: 'deep nesting', body: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown },
];

/** Form bodies for the Bitrix24 Trigger (application/x-www-form-urlencoded, PHP style). */
export const FORM_CASES: Array<{ name: string; raw: string }> = [
	{ name: 'empty', raw: '' },
	{ name: 'garbage', raw: '%%%&&&===' },
	{ name: 'unclosed bracket', raw: 'auth[application_token=1' },
	{ name: '__proto__ key', raw: '__proto__[polluted]=yes&event=ONCRMDEALUPDATE' },
	{ name: '__proto__ nested', raw: 'data[__proto__][polluted]=yes&auth[__proto__][isAdmin]=1&event=ONCRMDEALUPDATE' },
	{ name: 'constructor prototype', raw: 'constructor[prototype][polluted]=yes&data[FIELDS][constructor][prototype][polluted]=yes' },
	{ name: 'prototype at depth', raw: 'data[FIELDS][ID][prototype][polluted]=yes&event=ONCRMDEALADD' },
	{ name: 'array where object', raw: 'auth[]=1&auth[]=2&data[]=x&event[]=ONCRMDEALUPDATE' },
	{ name: 'huge value', raw: `event=ONCRMDEALUPDATE&data[FIELDS][ID]=${'9'.repeat(1024 * 1024)}` },
	{ name: 'huge key count', raw: Array.from({ length: 20000 }, (_, i) => `k${i}=${i}`).join('&') },
	{ name: 'deep brackets', raw: `a${'[x]'.repeat(5000)}=1` },
	{ name: 'unicode and NUL', raw: `event=${encodeURIComponent('ONCRMDEAL\u0000UPDATE')}&data[FIELDS][ID]=${encodeURIComponent('😀\u202E')}` },
	{ name: 'bad percent escapes', raw: 'event=%E0%A4%A&data[FIELDS][ID]=%FF' },
	{ name: 'wrong types in fields', raw: 'event=ONCRMDEALUPDATE&data[FIELDS][ID]=-1&ts=NaN' },
];

/** Names of Object.prototype (and friends) properties a pollution would add; empty when clean. */
export function pollution(): string[] {
	const probe = {} as Record<string, unknown>;
	const found: string[] = [];
	for (const key of ['polluted', 'isAdmin']) {
		if (probe[key] !== undefined) found.push(`Object.prototype.${key}`);
		if ((Function.prototype as unknown as Record<string, unknown>)[key] !== undefined) found.push(`Function.prototype.${key}`);
		if (([] as unknown as Record<string, unknown>)[key] !== undefined) found.push(`Array.prototype.${key}`);
	}
	if (typeof probe.toString !== 'function') found.push('Object.prototype.toString');
	return found;
}

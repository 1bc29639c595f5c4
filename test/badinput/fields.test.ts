/**
 * The corpus's single values (wrong types, NaN/Infinity as text, huge, NUL, RTL, emoji,
 * prototype keys) set through expressions into the fields of the operations that take them
 * from each item: Pixlpark Set Status / Add Comment, Bitrix24 deal Create / Update, 1C Get Price.
 * Continue on Fail on, a good item after each bad one: errors name "Item N" (and the field), the
 * good items reach the fake, nothing throws out of the node, Object.prototype stays clean.
 */
import type { IDataObject } from 'n8n-workflow';
import { PixlparkApi } from '../../credentials/PixlparkApi.credentials';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { parseTemplate } from '../../nodes/OneCPolygraphy/helpers/template';
import { Pixlpark } from '../../nodes/Pixlpark/Pixlpark.node';
import { startPortal } from '../bitrix24/harness';
import { seedDeal } from '../fakes/bitrix24';
import { startFakePixlpark } from '../fakes/pixlpark';
import { runNode, type RunNodeResult } from '../helpers/engine';
import { CARD_HEADER, CARD_ROWS, csv, utf8 } from '../onec/data';
import { problems, type Slot } from './check';
import { pollution, VALUE_CASES, type Expectation } from './corpus';

type ValueCase = (typeof VALUE_CASES)[number];

interface FieldTarget {
	name: string;
	/** The item's JSON key the bad value goes into. */
	key: string;
	/** How an error names the field (per case when a function). */
	field?: string | RegExp | ((c: ValueCase) => string | RegExp | undefined);
	expect(c: ValueCase): Expectation;
	start(): Promise<{
		good(i: number): IDataObject;
		run(items: IDataObject[], continueOnFail?: boolean): Promise<RunNodeResult>;
		arrived(item: IDataObject): boolean;
		close(): Promise<void>;
	}>;
}

const EMPTY = new Set(['null', 'empty']);
const always = (e: Expectation) => () => e;

async function pixlpark(parameters: IDataObject, good: (orderId: number, i: number) => IDataObject, arrived: (fake: Awaited<ReturnType<typeof startFakePixlpark>>, item: IDataObject) => boolean) {
	const fake = await startFakePixlpark({ orders: 40 });
	const ids = [...fake.orders.keys()];
	return {
		good: (i: number) => good(ids[i], i),
		run: (items: IDataObject[], continueOnFail = true) => runNode({ node: new Pixlpark(), parameters, items, credentialTypes: [new PixlparkApi()], credentials: { pixlparkApi: fake.credentials() }, continueOnFail }),
		arrived: (item: IDataObject) => arrived(fake, item),
		close: async () => fake.close(),
	};
}

const SET_STATUS = { resource: 'order', operation: 'setStatus', orderId: '={{ $json.id }}', status: '={{ $json.status }}', notify: false };
const ADD_COMMENT = { resource: 'order', operation: 'addComment', orderId: '={{ $json.id }}', comment: '={{ $json.comment }}', email: 'manager@shop.example' };
const statusSet = (fake: Awaited<ReturnType<typeof startFakePixlpark>>, item: IDataObject) => fake.statusChanges.some((c) => c.orderId === item.id && c.newStatus === item.status);
const commented = (fake: Awaited<ReturnType<typeof startFakePixlpark>>, item: IDataObject) => JSON.stringify(fake.comments.get(item.id as number) ?? []).includes(item.comment as string);

async function portal(parameters: IDataObject, good: (i: number, seeded: number) => IDataObject, arrived: (deals: string, item: IDataObject) => boolean) {
	const p = await startPortal();
	const seeded = Array.from({ length: 40 }, (_, i) => seedDeal(p.fake.db, { TITLE: `seed ${i}`, OPPORTUNITY: '1.00' }));
	return {
		good: (i: number) => good(i, seeded[i]),
		run: (items: IDataObject[], continueOnFail = true) => p.run(parameters, items, { continueOnFail }),
		arrived: (item: IDataObject) => arrived(JSON.stringify([...p.fake.db.deals.values()]), item),
		close: () => p.fake.close(),
	};
}

const CREATE = { resource: 'deal', operation: 'create', fields: { title: '={{ $json.title }}', opportunity: '={{ $json.amount }}', customFields: '={{ $json.custom }}' } };
const UPDATE = { resource: 'deal', operation: 'update', id: '={{ $json.id }}', fields: { title: '={{ $json.title }}' } };
const goodDeal = (i: number) => ({ title: `GOOD deal ${i}X`, amount: 100 + i, custom: '{}' });
const dealArrived = (deals: string, item: IDataObject) => deals.includes(`"${item.title as string}"`);

function onec(parameters: IDataObject) {
	return async () => {
		const template = parseTemplate(utf8(csv(CARD_HEADER, CARD_ROWS, ';')));
		return {
			good: (i: number) => ({ template, format: '90x50', quantity: 100 + i, marker: `GOOD${i}X` }),
			run: (items: IDataObject[], continueOnFail = true) => runNode({ node: new OneCPolygraphy(), parameters, items, continueOnFail }),
			arrived: () => true,
			close: async () => {},
		};
	};
}

const GET_PRICE = {
	resource: 'template',
	operation: 'getPrice',
	templateSource: 'json',
	templateField: 'template',
	parameterValues: { value: [{ name: 'Формат', value: '={{ $json.format }}' }, { name: 'Красочность', value: '4+0' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }] },
	quantity: '={{ $json.quantity }}',
	priceMeans: 'run',
};

const TARGETS: FieldTarget[] = [
	{
		name: 'Pixlpark Order -> Set Status: Order ID',
		key: 'id',
		field: /Order ID|order/i,
		expect: always('error'),
		start: () => pixlpark(SET_STATUS, (id) => ({ id, status: 'Printing' }), statusSet),
	},
	{
		name: 'Pixlpark Order -> Set Status: Status',
		key: 'status',
		field: /Status/,
		expect: always('error'),
		start: () => pixlpark(SET_STATUS, (id) => ({ id, status: 'Printing' }), statusSet),
	},
	{
		name: 'Pixlpark Order -> Add Comment: Order ID',
		key: 'id',
		field: /Order ID|order/i,
		expect: always('error'),
		start: () => pixlpark(ADD_COMMENT, (id, i) => ({ id, comment: `GOOD comment ${i}X` }), commented),
	},
	{
		name: 'Pixlpark Order -> Add Comment: Comment',
		key: 'comment',
		// Empty: the node names the field; a comment Pixlpark refuses (too long) is its answer.
		field: (c) => (EMPTY.has(c.name) ? 'Comment' : undefined),
		expect: (c) => (EMPTY.has(c.name) ? 'error' : 'either'),
		start: () => pixlpark(ADD_COMMENT, (id, i) => ({ id, comment: `GOOD comment ${i}X` }), commented),
	},
	{
		name: 'Bitrix24 Deal -> Create: Title',
		key: 'title',
		field: 'Title',
		// Any text is a title; an object or a list is not.
		expect: (c) => (['object', 'array', 'proto object', 'constructor object'].includes(c.name) ? 'error' : 'either'),
		start: () => portal(CREATE, goodDeal, dealArrived),
	},
	{
		name: 'Bitrix24 Deal -> Create: Amount',
		key: 'amount',
		field: /opportunity|Amount/i,
		expect: (c) => (['negative', 'null', 'empty'].includes(c.name) ? 'either' : 'error'),
		start: () => portal(CREATE, goodDeal, dealArrived),
	},
	{
		name: 'Bitrix24 Deal -> Create: Other Fields (JSON)',
		key: 'custom',
		field: 'Other Fields (JSON)',
		// Objects are taken as they are (the field accepts JSON text or an object).
		expect: (c) => (['null', 'empty', 'object', 'proto object', 'constructor object'].includes(c.name) ? 'either' : 'error'),
		start: () => portal(CREATE, goodDeal, dealArrived),
	},
	{
		name: 'Bitrix24 Deal -> Update: ID',
		key: 'id',
		field: /\bID\b|id/,
		expect: always('error'),
		start: () => portal(UPDATE, (i, id) => ({ id, title: `GOOD update ${i}X` }), dealArrived),
	},
	{
		name: '1C Polygraphy Template -> Get Price: Quantity',
		key: 'quantity',
		field: /Quantity/i,
		expect: always('error'),
		start: onec(GET_PRICE),
	},
	{
		name: '1C Polygraphy Template -> Get Price: parameter value',
		key: 'format',
		field: /Формат/,
		expect: always('error'),
		start: onec(GET_PRICE),
	},
];

describe.each(TARGETS)('bad values: $name', (target) => {
	afterEach(() => expect(pollution()).toEqual([]));

	it('each bad value an error naming the item (and field) or a clean pass; every good item through', async () => {
		const env = await target.start();
		try {
			const items: IDataObject[] = [];
			const slots: Slot[] = [];
			VALUE_CASES.forEach((c, i) => {
				const good = env.good(2 * i + 1);
				const bad = { ...env.good(2 * i), [target.key]: c.value } as IDataObject;
				items.push(bad, good);
				const expect = target.expect(c);
				slots.push(
					{ index: 2 * i, name: c.name, expect, field: typeof target.field === 'function' ? target.field(c) : target.field },
					{ index: 2 * i + 1, name: `good after "${c.name}"`, expect: 'good', arrived: () => env.arrived(good) },
				);
			});
			const result = await env.run(items);
			expect(problems(result, slots)).toEqual([]);
		} finally {
			await env.close();
		}
	});

	it('Continue on Fail off: the first bad value fails the node with an error naming the item', async () => {
		const env = await target.start();
		try {
			const bad = VALUE_CASES.find((c) => target.expect(c) === 'error');
			// A field that takes any value (a deal title) has no bad value to fail on.
			if (!bad) return;
			const result = await env.run([env.good(0), { ...env.good(1), [target.key]: bad.value } as IDataObject], false);
			expect(result.error).toBeDefined();
			expect(['NodeOperationError', 'NodeApiError']).toContain(result.error!.name);
			expect(result.error!.message).toMatch(/^Item 1\b/);
		} finally {
			await env.close();
		}
	});
});

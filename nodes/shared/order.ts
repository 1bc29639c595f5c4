import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The Order item: the one JSON shape that the Pixlpark node produces and every export
 * (Bitrix24, ASystem, HelloPrint, 1C) accepts. Targets read only these names, never a
 * shop's raw fields, so any other shop can feed the exports through expressions.
 */
export interface OrderCustomer {
	type: 'person' | 'company';
	/** The customer's id in the shop. */
	id?: string;
	/** Person: the full name. Company: the employee who placed the order. */
	name: string;
	firstName?: string;
	lastName?: string;
	middleName?: string;
	phone?: string;
	email?: string;
	/** Company only. */
	companyName?: string;
	inn?: string;
	bitrix24ContactId?: string;
	bitrix24CompanyId?: string;
}

export interface OrderSkuOption {
	name: string;
	value: string;
}

export interface OrderLine {
	id?: string;
	name: string;
	sku: OrderSkuOption[];
	quantity: number;
	price: number;
	total: number;
}

export interface OrderDelivery {
	method?: string;
	/** Courier, Point or Mail as the shop names it. */
	type?: string;
	address?: string;
	recipient?: string;
	phone?: string;
	price: number;
}

export interface OrderComment {
	id?: string;
	author: string;
	/** ISO-8601. */
	date: string;
	text: string;
}

export interface OrderPrices {
	total: number;
	discount: number;
	delivery: number;
	paid: number;
}

export interface Order {
	/** The order's id in the shop: the key that keeps every export idempotent. */
	id: string;
	number: string;
	title: string;
	/** ISO-8601. */
	createdAt: string;
	updatedAt?: string;
	status: string;
	paymentStatus?: string;
	paymentSystem?: string;
	currency: string;
	prices: OrderPrices;
	customer: OrderCustomer;
	items: OrderLine[];
	delivery?: OrderDelivery;
	comments: OrderComment[];
	orderUrl?: string;
	archiveUrl?: string;
	site?: string;
	source?: string;
}

const MAX_TEXT = 100_000;

class OrderReader {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number,
	) {}

	fail(field: string, problem: string): never {
		throw new NodeOperationError(this.node, `Item ${this.itemIndex}: order field "${field}" ${problem}`, {
			itemIndex: this.itemIndex,
			description: 'The input must be an Order item (see the README, "The Order item").',
		});
	}

	object(value: unknown, field: string): IDataObject {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(field, 'must be an object');
		return value as IDataObject;
	}

	text(value: unknown, field: string, required: true): string;
	text(value: unknown, field: string, required?: false): string | undefined;
	text(value: unknown, field: string, required = false): string | undefined {
		if (value === undefined || value === null || value === '') {
			if (required) this.fail(field, 'is missing');
			return undefined;
		}
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value !== 'string') this.fail(field, `must be text, got ${typeof value}`);
		if (value.length > MAX_TEXT) this.fail(field, `is longer than ${MAX_TEXT} characters`);
		return value;
	}

	amount(value: unknown, field: string, fallback = 0): number {
		if (value === undefined || value === null || value === '') return fallback;
		const parsed = typeof value === 'string' ? Number(value.replace(',', '.').trim()) : value;
		if (typeof parsed !== 'number' || !Number.isFinite(parsed)) this.fail(field, `must be a number, got ${JSON.stringify(value)}`);
		if (parsed < 0) this.fail(field, `must not be negative, got ${parsed}`);
		return parsed;
	}

	date(value: unknown, field: string, required: true): string;
	date(value: unknown, field: string, required?: false): string | undefined;
	date(value: unknown, field: string, required = false): string | undefined {
		if (value === undefined || value === null || value === '') {
			if (required) this.fail(field, 'is missing');
			return undefined;
		}
		const iso = parseShopDate(value);
		if (iso === undefined) this.fail(field, `is not a date: ${JSON.stringify(value)}`);
		return iso;
	}

	list(value: unknown, field: string): unknown[] {
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value)) this.fail(field, 'must be a list');
		return value;
	}
}

/**
 * Parses both date forms Pixlpark uses: `/Date(1626974880000)/` (API answers, optionally with
 * an offset such as `+0300`) and ISO-8601 (webhooks). Returns ISO-8601 in UTC, or undefined.
 */
export function parseShopDate(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (typeof value === 'number') {
		const fromNumber = new Date(value);
		return Number.isNaN(fromNumber.getTime()) ? undefined : fromNumber.toISOString();
	}
	if (typeof value !== 'string') return undefined;
	const msDate = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value.trim());
	if (msDate) {
		// Out of Date's range (e.g. /Date(99999999999999999)/) is "not a date", not a RangeError.
		const fromMs = new Date(Number(msDate[1]));
		return Number.isNaN(fromMs.getTime()) ? undefined : fromMs.toISOString();
	}
	if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
	const parsed = new Date(value.trim());
	return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

function readCustomer(r: OrderReader, raw: unknown): OrderCustomer {
	const c = r.object(raw, 'customer');
	const type = c.type === undefined ? 'person' : c.type;
	if (type !== 'person' && type !== 'company') r.fail('customer.type', `must be "person" or "company", got ${JSON.stringify(type)}`);
	const customer: OrderCustomer = {
		type,
		id: r.text(c.id, 'customer.id'),
		name: r.text(c.name, 'customer.name') ?? '',
		firstName: r.text(c.firstName, 'customer.firstName'),
		lastName: r.text(c.lastName, 'customer.lastName'),
		middleName: r.text(c.middleName, 'customer.middleName'),
		phone: r.text(c.phone, 'customer.phone'),
		email: r.text(c.email, 'customer.email'),
		companyName: r.text(c.companyName, 'customer.companyName'),
		inn: r.text(c.inn, 'customer.inn'),
		bitrix24ContactId: r.text(c.bitrix24ContactId, 'customer.bitrix24ContactId'),
		bitrix24CompanyId: r.text(c.bitrix24CompanyId, 'customer.bitrix24CompanyId'),
	};
	if (!customer.name) {
		customer.name = [customer.lastName, customer.firstName, customer.middleName].filter(Boolean).join(' ');
	}
	if (type === 'company' && !customer.companyName) r.fail('customer.companyName', 'is missing for a company customer');
	return dropUndefined(customer);
}

function readLine(r: OrderReader, raw: unknown, index: number): OrderLine {
	const field = `items[${index}]`;
	const line = r.object(raw, field);
	const quantity = r.amount(line.quantity, `${field}.quantity`, 1);
	const price = r.amount(line.price, `${field}.price`);
	const sku = r.list(line.sku, `${field}.sku`).map((option, optionIndex) => {
		const o = r.object(option, `${field}.sku[${optionIndex}]`);
		return { name: r.text(o.name, `${field}.sku[${optionIndex}].name`) ?? '', value: r.text(o.value, `${field}.sku[${optionIndex}].value`) ?? '' };
	});
	return dropUndefined({
		id: r.text(line.id, `${field}.id`),
		name: r.text(line.name, `${field}.name`, true),
		sku,
		quantity,
		price,
		total: r.amount(line.total, `${field}.total`, Math.round(price * quantity * 100) / 100),
	});
}

/** Reads and checks an Order item; a bad field throws a NodeOperationError naming the item and the field. */
export function readOrder(json: IDataObject, node: INode, itemIndex: number): Order {
	const r = new OrderReader(node, itemIndex);
	const id = r.text(json.id, 'id', true);
	const prices = json.prices === undefined ? {} : r.object(json.prices, 'prices');
	const delivery = json.delivery === undefined || json.delivery === null ? undefined : r.object(json.delivery, 'delivery');
	const order: Order = {
		id,
		number: r.text(json.number, 'number') ?? id,
		title: r.text(json.title, 'title') ?? '',
		createdAt: r.date(json.createdAt, 'createdAt', true),
		updatedAt: r.date(json.updatedAt, 'updatedAt'),
		status: r.text(json.status, 'status') ?? '',
		paymentStatus: r.text(json.paymentStatus, 'paymentStatus'),
		paymentSystem: r.text(json.paymentSystem, 'paymentSystem'),
		currency: r.text(json.currency, 'currency') ?? 'RUB',
		prices: {
			total: r.amount(prices.total, 'prices.total'),
			discount: r.amount(prices.discount, 'prices.discount'),
			delivery: r.amount(prices.delivery, 'prices.delivery'),
			paid: r.amount(prices.paid, 'prices.paid'),
		},
		customer: readCustomer(r, json.customer),
		items: r.list(json.items, 'items').map((line, index) => readLine(r, line, index)),
		delivery: delivery && dropUndefined({
			method: r.text(delivery.method, 'delivery.method'),
			type: r.text(delivery.type, 'delivery.type'),
			address: r.text(delivery.address, 'delivery.address'),
			recipient: r.text(delivery.recipient, 'delivery.recipient'),
			phone: r.text(delivery.phone, 'delivery.phone'),
			price: r.amount(delivery.price, 'delivery.price'),
		}),
		comments: r.list(json.comments, 'comments').map((raw, index) => {
			const c = r.object(raw, `comments[${index}]`);
			return dropUndefined({
				id: r.text(c.id, `comments[${index}].id`),
				author: r.text(c.author, `comments[${index}].author`) ?? '',
				date: r.date(c.date, `comments[${index}].date`) ?? '',
				text: r.text(c.text, `comments[${index}].text`) ?? '',
			});
		}),
		orderUrl: r.text(json.orderUrl, 'orderUrl'),
		archiveUrl: r.text(json.archiveUrl, 'archiveUrl'),
		site: r.text(json.site, 'site'),
		source: r.text(json.source, 'source'),
	};
	return dropUndefined(order);
}

function dropUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) {
		if (value[key] === undefined) delete value[key];
	}
	return value;
}

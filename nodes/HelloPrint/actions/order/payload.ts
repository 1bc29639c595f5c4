/** Pure: an Order item (plus the node's choices) -> the HelloPrint request body. No HTTP here. */
import type { Order } from '../../../shared/order';
import type { RequestOrderPayload, Template } from '../../transport/contract';
import { CLIENT_TYPE } from '../../transport/contract';
import type { FieldFailure } from './customer';
import { splitCustomerName } from './customer';

export interface RequestDefaults {
	managerId?: string | number;
	companyId?: string | number;
	techSiteId?: string | number;
	orderSourceId?: string | number;
}

export interface ExplicitParameter {
	/** The parameter's id (from the dropdown) or its name (typed or from an expression). */
	parameter: string;
	value: string;
}

export interface SendOptions {
	includeComments: boolean;
	includeArchiveLink: boolean;
	/** The workflow's time zone, for the dates in the discussion feed. */
	timeZone: string;
}

/** Ids from dropdowns or expressions: digits become numbers, as HelloPrint's lists give them. */
export function toId(value: unknown): string | number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (!text) return undefined;
	return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

function sameName(a: string, b: string): boolean {
	const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('ru');
	return norm(a) === norm(b);
}

/**
 * The template's parameter values, each from (first that has one): the node's "Template Parameters",
 * an option of an order line with the parameter's name (`items[].sku[]`), the template's default.
 * A required parameter left without a value, or a named parameter the template lacks, fails the item.
 */
export function resolveTemplateParameters(
	template: Template,
	explicit: ExplicitParameter[],
	order: Order,
	fail: (message: string) => never,
): Array<{ id: number | string; name: string; value: string }> {
	const label = `template "${template.name}"`;
	const chosen = new Map<string, string>();
	for (const [index, entry] of explicit.entries()) {
		const key = String(entry.parameter ?? '').trim();
		if (!key) fail(`"Template Parameters" entry ${index + 1} has no parameter chosen (${label})`);
		const parameter = template.parameters.find((p) => String(p.id) === key) ?? template.parameters.find((p) => sameName(p.name, key));
		if (!parameter) fail(`"Template Parameters" entry ${index + 1} names parameter "${key}", which ${label} does not have`);
		chosen.set(String(parameter.id), String(entry.value ?? ''));
	}
	const result: Array<{ id: number | string; name: string; value: string }> = [];
	for (const parameter of template.parameters) {
		let value = chosen.get(String(parameter.id));
		if (value === undefined || value.trim() === '') {
			const fromLine = order.items.flatMap((line) => line.sku).find((option) => sameName(option.name, parameter.name));
			value = fromLine?.value;
		}
		if ((value === undefined || value.trim() === '') && parameter.default !== undefined && parameter.default !== null) value = String(parameter.default);
		if (value === undefined || value.trim() === '') {
			if (parameter.required) {
				fail(
					`${label} parameter "${parameter.name}" is required but has no value: set it under "Template Parameters" or give an order line an option named "${parameter.name}"`,
				);
			}
			continue;
		}
		result.push({ id: parameter.id, name: parameter.name, value: value.trim() });
	}
	return result;
}

/** `dd.MM.yyyy HH:mm` in the workflow's time zone; the ISO text itself when unreadable. */
export function feedDate(iso: string, timeZone: string): string {
	const date = new Date(iso);
	if (!iso || Number.isNaN(date.getTime())) return iso;
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
	} catch {
		return iso;
	}
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/** The discussion feed as the guide writes it for print systems: one `[author][dd.MM.yyyy HH:mm][text]` per entry. */
export function discussionFeed(order: Order, timeZone: string): string {
	return order.comments
		.filter((c) => c.text.trim() !== '')
		.map((c) => `[${c.author}][${feedDate(c.date, timeZone)}][${c.text.trim()}]`)
		.join('\n');
}

export function buildRequestPayload(
	order: Order,
	defaults: RequestDefaults,
	templateId: string | number | undefined,
	templateParams: Array<{ id: number | string; name: string; value: string }> | undefined,
	options: SendOptions,
	fail: FieldFailure,
): RequestOrderPayload {
	const customer = order.customer;
	const phone = (customer.phone ?? '').trim();
	if (!phone) fail('customer.phone', 'is missing: HelloPrint requires a phone number for every request');
	const person = splitCustomerName(customer, fail);
	const payload: RequestOrderPayload = {
		surname: person.surname,
		name: person.name,
		patronymic: person.patronymic,
		phone,
		client_type_id: customer.type === 'company' ? CLIENT_TYPE.company : CLIENT_TYPE.person,
		external_id: order.id,
		external_number: order.number,
		total: order.prices.total,
		currency: order.currency,
		items: order.items.map((line) => ({
			name: line.name,
			quantity: line.quantity,
			price: line.price,
			total: line.total,
			options: line.sku.map((o) => ({ name: o.name, value: o.value })),
		})),
	};
	if (customer.email) payload.email = customer.email.trim();
	if (customer.type === 'company') {
		payload.company_name = customer.companyName;
		if (customer.inn) payload.inn = customer.inn;
	}
	const ids: Array<[keyof RequestDefaults, 'manager_id' | 'company_id' | 'tech_site_id' | 'order_source_id']> = [
		['managerId', 'manager_id'],
		['companyId', 'company_id'],
		['techSiteId', 'tech_site_id'],
		['orderSourceId', 'order_source_id'],
	];
	for (const [from, to] of ids) {
		const id = toId(defaults[from]);
		if (id !== undefined) payload[to] = id;
	}
	if (templateId !== undefined) {
		payload.template_id = templateId;
		payload.template_params = templateParams ?? [];
	}
	if (order.title) payload.title = order.title;
	if (options.includeComments) {
		const feed = discussionFeed(order, options.timeZone);
		if (feed) payload.comment = feed;
	}
	if (options.includeArchiveLink && order.archiveUrl) payload.archive_link = order.archiveUrl;
	if (order.orderUrl) payload.order_link = order.orderUrl;
	if (order.delivery) {
		payload.delivery = {
			method: order.delivery.method,
			address: order.delivery.address,
			recipient: order.delivery.recipient,
			phone: order.delivery.phone,
			price: order.delivery.price,
		};
		for (const key of Object.keys(payload.delivery) as Array<keyof typeof payload.delivery>) {
			if (payload.delivery[key] === undefined) delete payload.delivery[key];
		}
	}
	return payload;
}

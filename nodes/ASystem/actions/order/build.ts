/**
 * Pure: an Order item + an ASystem template + the user's settings -> the parameter values to send.
 * No HTTP here, so every rule of the guide's "Sending an order" is unit-testable.
 *
 * Filling order (a later step overrides an earlier one):
 *  1. the integration's order parameters (order number, recipient, delivery, issue date, order
 *     files, comment, payment status, rounded price) under their names (renameable), and only
 *     when the template has a parameter of that name and the order has a value for it;
 *  2. every other template parameter from the order lines' options of the same name
 *     ("Fill Parameters From Order Options");
 *  3. the user's mapping: a fixed value / expression, or the option named "Name on the Site".
 * Nothing is ever sent empty: a parameter without a value is left out.
 */
import { DateTime } from 'luxon';
import type { Order } from '../../../shared/order';
import type { ParameterGroup, ParameterValues, Template } from '../../transport/contract';
import { PARAMETER_GROUPS } from '../../transport/contract';
import { applyRounding } from '../rounding';
import { emptyValues, findParameter, parseParameterKey, valueToText } from '../templates';

export interface IntegrationNames {
	orderNumber: string;
	recipient: string;
	deliveryMethod: string;
	deliveryAddress: string;
	issueDate: string;
	orderFiles: string;
	comment: string;
	paymentStatus: string;
	roundedPrice: string;
}

/** The default names of the integration's order parameters (the guide's settings page). */
export const DEFAULT_NAMES: IntegrationNames = {
	orderNumber: 'Номер заказа',
	recipient: 'Получатель',
	deliveryMethod: 'Способ доставки',
	deliveryAddress: 'Адрес доставки',
	issueDate: 'Дата выдачи',
	orderFiles: 'Файлы заказа',
	comment: 'Комментарий',
	paymentStatus: 'Статус оплаты',
	roundedPrice: 'Округленная стоимость',
};

export interface MappingEntry {
	/** `order:Name`, `detail:Name`, `operation:Name` or a bare template parameter name. */
	parameter: string;
	/** The option name in the order lines ("name of the parameter on the site"). */
	siteName?: string;
	/** A fixed value or an expression result; wins over the site option. */
	value?: unknown;
}

export interface BuildInput {
	order: Order;
	template: Template;
	mapping: MappingEntry[];
	names: IntegrationNames;
	matchByName: boolean;
	rounding: string;
	/** ISO date or date-time; empty = not sent. */
	issueDate?: string;
	/** IANA zone for dates written into parameters (the workflow's timezone). */
	timezone: string;
}

export interface Skipped {
	name: string;
	reason: string;
}

export interface BuildResult {
	values: ParameterValues;
	/** `group:name` -> where its value came from. */
	sources: Record<string, string>;
	skipped: Skipped[];
	/** Required parameters that got no value (and have no default in the template). */
	missingRequired: Array<{ group: ParameterGroup; name: string }>;
	/** Mapping entries naming a parameter the template does not have. */
	unknownMapping: string[];
}

function formatDate(iso: string, timezone: string, withTime: boolean): string {
	const date = DateTime.fromISO(iso, { zone: timezone });
	if (!date.isValid) return iso;
	return date.toFormat(withTime ? 'dd.MM.yyyy HH:mm' : 'dd.MM.yyyy');
}

/** A plain date (2026-12-10) is taken as is; a date-time is shown in the workflow's timezone. */
function formatIssueDate(value: string, timezone: string): string {
	const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
	if (plain) return `${plain[3]}.${plain[2]}.${plain[1]}`;
	return formatDate(value.trim(), timezone, false);
}

/** The discussion feed as the guide writes it: one `[author][date][comment]` per entry. */
export function formatComments(order: Order, timezone: string): string | undefined {
	const lines = order.comments
		.filter((c) => c.text.trim() !== '')
		.map((c) => `[${c.author}][${c.date ? formatDate(c.date, timezone, true) : ''}][${c.text}]`);
	return lines.length ? lines.join('\n') : undefined;
}

export function formatPaymentStatus(order: Order): string | undefined {
	if (!order.paymentStatus && !order.paymentSystem) return undefined;
	if (order.paymentStatus && order.paymentSystem) return `${order.paymentStatus} (${order.paymentSystem})`;
	return order.paymentStatus ?? order.paymentSystem;
}

function integrationValues(input: BuildInput): Array<{ field: keyof IntegrationNames; value: string | undefined; why: string }> {
	const { order } = input;
	const issue = input.issueDate ? formatIssueDate(input.issueDate, input.timezone) : undefined;
	return [
		{ field: 'orderNumber', value: order.number, why: 'the order has no number' },
		{ field: 'recipient', value: order.delivery?.recipient || order.customer.name || undefined, why: 'the order has no recipient' },
		{ field: 'deliveryMethod', value: order.delivery?.method || order.delivery?.type, why: 'the order has no delivery method' },
		{ field: 'deliveryAddress', value: order.delivery?.address, why: 'the order has no delivery address' },
		{ field: 'issueDate', value: issue, why: '"Issue Date" is not set' },
		{ field: 'orderFiles', value: order.archiveUrl, why: 'the order is not archived yet (no archiveUrl)' },
		{ field: 'comment', value: formatComments(order, input.timezone), why: 'the order has no comments' },
		{ field: 'paymentStatus', value: formatPaymentStatus(order), why: 'the order has no payment status' },
		{ field: 'roundedPrice', value: String(applyRounding(order.prices.total, input.rounding)), why: '' },
	];
}

function siteOption(order: Order, name: string): string | undefined {
	for (const line of order.items) {
		const option = line.sku.find((o) => o.name === name);
		if (option && option.value.trim() !== '') return option.value;
	}
	return undefined;
}

export function buildOrderValues(input: BuildInput): BuildResult {
	const { template, order } = input;
	const values = emptyValues();
	const sources: Record<string, string> = {};
	const skipped: Skipped[] = [];
	const unknownMapping: string[] = [];
	const set = (group: ParameterGroup, name: string, value: string, source: string) => {
		values[group][name] = value;
		sources[`${group}:${name}`] = source;
	};

	// 1. The integration's extra order parameters, only where the template has them.
	for (const { field, value, why } of integrationValues(input)) {
		const name = input.names[field].trim();
		if (!name) continue;
		const found = findParameter(template, name);
		if (!found) {
			skipped.push({ name, reason: 'the template has no parameter of this name' });
			continue;
		}
		if (value === undefined || value === '') {
			skipped.push({ name, reason: why });
			continue;
		}
		set(found.group, found.parameter.name, value, `integration: ${field}`);
	}

	// 2. Other parameters from the order lines' options of the same name.
	if (input.matchByName) {
		for (const { group } of PARAMETER_GROUPS) {
			for (const parameter of template.parameters[group]) {
				if (values[group][parameter.name] !== undefined) continue;
				const value = siteOption(order, parameter.name);
				if (value !== undefined) set(group, parameter.name, value, `order option "${parameter.name}"`);
			}
		}
	}

	// 3. The user's mapping.
	for (const entry of input.mapping) {
		if (!entry.parameter || !String(entry.parameter).trim()) continue;
		const found = findParameter(template, String(entry.parameter));
		if (!found) {
			unknownMapping.push(parseParameterKey(String(entry.parameter)).name);
			continue;
		}
		const fixed = valueToText(entry.value);
		if (fixed !== undefined) {
			set(found.group, found.parameter.name, fixed, 'mapping: value');
			continue;
		}
		const siteName = (entry.siteName ?? '').trim() || found.parameter.name;
		const fromSite = siteOption(order, siteName);
		if (fromSite !== undefined) set(found.group, found.parameter.name, fromSite, `order option "${siteName}"`);
	}

	const missingRequired: BuildResult['missingRequired'] = [];
	for (const { group } of PARAMETER_GROUPS) {
		for (const parameter of template.parameters[group]) {
			if (!parameter.required || values[group][parameter.name] !== undefined || parameter.default !== undefined) continue;
			missingRequired.push({ group, name: parameter.name });
		}
	}
	return { values, sources, skipped, missingRequired, unknownMapping };
}

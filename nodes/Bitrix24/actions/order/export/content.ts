import type { IDataObject } from 'n8n-workflow';

import type { Order, OrderComment } from '../../../../shared/order';
import type { ExportSettings } from './settings';

/** What the order puts into Bitrix24, independent of whether records exist yet. */

export function dealTitle(order: Order, settings: ExportSettings): string {
	return `${settings.titlePrefix}${order.number}${order.title ? ` ${order.title}` : ''}`.trim();
}

export function deliveryText(order: Order): string | undefined {
	const d = order.delivery;
	if (!d) return undefined;
	const parts = [d.method, d.address, d.recipient && `получатель: ${d.recipient}`, d.phone, d.price ? `${d.price} ${order.currency}` : undefined].filter(Boolean);
	return parts.length ? parts.join(', ') : undefined;
}

/** The deal's "Comment": links to the order and its print archive, and the delivery (BB-codes). */
export function dealComments(order: Order): string {
	const lines: string[] = [];
	if (order.orderUrl) lines.push(`Заказ: [URL=${order.orderUrl}]${order.orderUrl}[/URL]`);
	if (order.archiveUrl) lines.push(`Архив заказа: [URL=${order.archiveUrl}]${order.archiveUrl}[/URL]`);
	const delivery = deliveryText(order);
	if (delivery) lines.push(`Доставка: ${delivery}`);
	return lines.join('\n');
}

export function productRows(order: Order, settings: ExportSettings): IDataObject[] {
	const rows: IDataObject[] = order.items.map((line, index) => {
		const options = line.sku.map((o) => `${o.name}: ${o.value}`).join(', ');
		const unitPrice = line.quantity > 0 ? Math.round((line.total / line.quantity) * 100) / 100 : line.price;
		return {
			PRODUCT_ID: 0,
			PRODUCT_NAME: options ? `${line.name} (${options})` : line.name,
			PRICE: unitPrice,
			QUANTITY: line.quantity,
			MEASURE_CODE: 796,
			MEASURE_NAME: 'шт',
			SORT: (index + 1) * 10,
		};
	});
	if (settings.deliveryAsProductRow && order.delivery && (order.delivery.price > 0 || order.delivery.method)) {
		rows.push({ PRODUCT_ID: 0, PRODUCT_NAME: `Доставка${order.delivery.method ? `: ${order.delivery.method}` : ''}`, PRICE: order.delivery.price, QUANTITY: 1, MEASURE_CODE: 796, MEASURE_NAME: 'шт', SORT: (rows.length + 1) * 10 });
	}
	return rows;
}

export function orderAmount(order: Order, rows: IDataObject[]): number {
	if (order.prices.total > 0) return order.prices.total;
	return Math.round(rows.reduce((sum, row) => sum + Number(row.PRICE) * Number(row.QUANTITY), 0) * 100) / 100;
}

/** One timeline comment per entry of the discussion feed; the text itself is the key that avoids adding it twice. */
export function timelineText(comment: OrderComment): string {
	const date = comment.date ? comment.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '';
	const head = [comment.author, date].filter(Boolean).join(', ');
	return head ? `${head}:\n${comment.text}` : comment.text;
}

export function stageFor(order: Order, settings: ExportSettings): string | undefined {
	return settings.statusToStage.get(order.status.toLowerCase()) ?? settings.defaultStageId;
}

/** Fields of the person: the contact, or the employee of a company. */
export function personFields(order: Order, settings: ExportSettings): IDataObject {
	const c = order.customer;
	const fields: IDataObject = {};
	if (c.firstName || c.lastName) {
		if (c.firstName) fields.NAME = c.firstName;
		if (c.lastName) fields.LAST_NAME = c.lastName;
		if (c.middleName) fields.SECOND_NAME = c.middleName;
	} else {
		fields.NAME = c.name || c.email || c.phone || `Customer ${c.id ?? order.id}`;
	}
	if (c.phone) fields.PHONE = [{ VALUE: c.phone, VALUE_TYPE: 'MOBILE' }];
	if (c.email) fields.EMAIL = [{ VALUE: c.email, VALUE_TYPE: 'HOME' }];
	if (settings.responsibleId) fields.ASSIGNED_BY_ID = settings.responsibleId;
	if (settings.sourceId) fields.SOURCE_ID = settings.sourceId;
	if (c.id) {
		fields.ORIGINATOR_ID = settings.originatorId;
		fields.ORIGIN_ID = `customer-${c.id}`;
	}
	return fields;
}

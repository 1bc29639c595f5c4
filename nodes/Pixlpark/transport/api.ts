import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { Order } from '../../shared/order';
import { pixlparkToOrder } from '../mapping';
import type { PixlparkContext } from './index';
import { pixlparkRequest } from './index';

/** Pixlpark's calls, one function each (shared/reference/pixlpark.md). */

function objects(list: unknown[]): IDataObject[] {
	return list.filter((v): v is IDataObject => v !== null && typeof v === 'object' && !Array.isArray(v));
}

function idPath(id: string | number): string {
	return encodeURIComponent(String(id).trim());
}

export async function getOrder(ctx: PixlparkContext, orderId: string, itemIndex?: number): Promise<IDataObject> {
	const list = objects(await pixlparkRequest(ctx, { method: 'GET', path: `/orders/${idPath(orderId)}`, itemIndex, action: `get order ${orderId}` }));
	if (list.length === 0) {
		throw new NodeApiError(ctx.getNode(), { message: `order ${orderId} not found` }, { message: `${itemIndex === undefined ? '' : `Item ${itemIndex}: `}Pixlpark has no order ${orderId}`, httpCode: '404', itemIndex });
	}
	return list[0];
}

export interface OrderFilter {
	status?: string;
	userId?: string | number;
	shippingId?: string | number;
}

export async function listOrders(ctx: PixlparkContext, filter: OrderFilter, take: number, skip: number, itemIndex?: number): Promise<IDataObject[]> {
	const qs: IDataObject = { take, skip };
	if (filter.status) qs.status = filter.status;
	if (filter.userId !== undefined && filter.userId !== '') qs.userId = filter.userId;
	if (filter.shippingId !== undefined && filter.shippingId !== '') qs.shippingId = filter.shippingId;
	return objects(await pixlparkRequest(ctx, { method: 'GET', path: '/orders', qs, itemIndex, action: 'list orders' }));
}

/**
 * Pages through `GET /orders` (take/skip) until a short page, each order once: an order that
 * moves between pages while paging (a new order pushes the list down) is not emitted twice.
 */
export async function listAllOrders(
	ctx: PixlparkContext,
	filter: OrderFilter,
	pageSize: number,
	itemIndex?: number,
	maxOrders = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const result: IDataObject[] = [];
	for (let skip = 0; result.length < maxOrders; skip += pageSize) {
		const page = await listOrders(ctx, filter, pageSize, skip, itemIndex);
		for (const order of page) {
			const key = String(order.Id);
			if (seen.has(key)) continue;
			seen.add(key);
			result.push(order);
			if (result.length >= maxOrders) break;
		}
		if (page.length < pageSize) break;
	}
	return result;
}

export async function getOrderItems(ctx: PixlparkContext, orderId: string, itemIndex?: number): Promise<IDataObject[]> {
	return objects(await pixlparkRequest(ctx, { method: 'GET', path: `/orders/${idPath(orderId)}/items`, itemIndex, action: `get the items of order ${orderId}` }));
}

/** Comments of an order; `[]` when the API has no comment list for it (404). */
export async function getOrderComments(ctx: PixlparkContext, orderId: string, itemIndex?: number): Promise<IDataObject[]> {
	try {
		return objects(await pixlparkRequest(ctx, { method: 'GET', path: `/orders/${idPath(orderId)}/comments`, itemIndex, action: `get the comments of order ${orderId}` }));
	} catch (error) {
		if ((error as NodeApiError).httpCode === '404') return [];
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a clean NodeApiError from the transport
		throw error;
	}
}

export async function getUser(ctx: PixlparkContext, userId: string, itemIndex?: number): Promise<IDataObject> {
	const list = objects(await pixlparkRequest(ctx, { method: 'GET', path: `/users/${idPath(userId)}`, itemIndex, action: `get customer ${userId}` }));
	if (list.length === 0) {
		throw new NodeApiError(ctx.getNode(), { message: `customer ${userId} not found` }, { message: `${itemIndex === undefined ? '' : `Item ${itemIndex}: `}Pixlpark has no customer ${userId}`, httpCode: '404', itemIndex });
	}
	return list[0];
}

export interface StatusResult {
	type: string;
	description: string;
	date?: unknown;
}

export async function setOrderStatus(ctx: PixlparkContext, orderId: string, status: string, notify: boolean, itemIndex?: number): Promise<StatusResult> {
	const result = await pixlparkRequest(ctx, {
		method: 'POST',
		path: `/orders/${idPath(orderId)}/status`,
		form: { newStatus: status, sendNotifications: notify ? 'true' : 'false' },
		itemIndex,
		action: `set status "${status}" on order ${orderId}`,
	});
	// The answer is [[{Type, Description, DateCreated}]].
	const first = Array.isArray(result[0]) ? (result[0] as unknown[])[0] : result[0];
	const entry = (first ?? {}) as IDataObject;
	return { type: String(entry.Type ?? ''), description: String(entry.Description ?? ''), date: entry.DateCreated };
}

export async function addOrderComment(ctx: PixlparkContext, orderId: string, email: string, comment: string, itemIndex?: number): Promise<IDataObject> {
	const list = objects(
		await pixlparkRequest(ctx, {
			method: 'POST',
			path: `/orders/${idPath(orderId)}/comments`,
			form: { email, comment },
			itemIndex,
			action: `add a comment to order ${orderId}`,
		}),
	);
	return list[0] ?? {};
}

/** Order + items + customer + comments, fetched and mapped to ONE Order item. */
export async function fetchFullOrder(ctx: PixlparkContext, orderId: string, itemIndex?: number): Promise<Order> {
	const order = await getOrder(ctx, orderId, itemIndex);
	const id = String(order.Id ?? orderId);
	const items = await getOrderItems(ctx, id, itemIndex);
	const comments = await getOrderComments(ctx, id, itemIndex);
	let user: IDataObject | undefined;
	const userId = order.UserId;
	if (userId !== undefined && userId !== null && userId !== 0 && userId !== '0' && userId !== '') {
		try {
			user = await getUser(ctx, String(userId), itemIndex);
		} catch (error) {
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a clean NodeApiError from the transport
			if ((error as NodeApiError).httpCode !== '404') throw error;
		}
	}
	return pixlparkToOrder({ order, items, user, comments });
}

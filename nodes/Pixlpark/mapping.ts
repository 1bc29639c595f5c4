import type { IDataObject } from 'n8n-workflow';
import type { Order, OrderComment, OrderCustomer, OrderDelivery, OrderLine } from '../shared/order';
import { parseShopDate } from '../shared/order';
import { normalizePixlparkStatus } from '../shared/pixlparkStatuses';

/**
 * Pixlpark's raw names -> the shared Order item. Pure functions (no HTTP), so any node can
 * reuse them: `pixlparkToOrder({ order, items, user, comments })`.
 */
export interface PixlparkOrderParts {
	/** The raw order from `GET /orders/{id}` or a webhook body. */
	order: IDataObject;
	/** Raw items from `GET /orders/{id}/items`. */
	items?: IDataObject[];
	/** The raw customer from `GET /users/{UserId}`. */
	user?: IDataObject;
	/** Raw comments from `GET /orders/{id}/comments`. */
	comments?: IDataObject[];
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const result = String(value).trim();
	return result === '' ? undefined : result;
}

function amount(value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	const parsed = typeof value === 'number' ? value : Number(String(value).replace(/[\s\u00a0]/g, '').replace(',', '.'));
	return Number.isFinite(parsed) && parsed > 0 ? Math.round(parsed * 100) / 100 : 0;
}

function objectOf(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function listOf(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter((v): v is IDataObject => objectOf(v) !== undefined) : [];
}

function dropUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
	return value;
}

/** Maps one raw order item (`GET /orders/{id}/items`) to an Order line. */
export function pixlparkItemToLine(raw: IDataObject): OrderLine {
	const quantity = amount(raw.Quantity) || 1;
	const total = amount(raw.TotalPrice);
	const price = amount(raw.ItemPrice) || (total ? Math.round((total / quantity) * 100) / 100 : 0);
	const sku = [
		...listOf(raw.SkuItems).map((s) => ({ name: text(s.Name) ?? '', value: text(s.Value) ?? '' })),
		...listOf(raw.Options).map((o) => ({ name: text(o.Title) ?? '', value: text(o.Description) ?? '' })),
	].filter((s) => s.name !== '' || s.value !== '');
	return dropUndefined({
		id: text(raw.Id),
		name: text(raw.Name) ?? text(raw.Title) ?? 'Item',
		sku,
		quantity,
		price,
		total: total || Math.round(price * quantity * 100) / 100,
	});
}

/** Maps the webhook's `OrderDetails[{Title, Quantity}]` (no prices) to Order lines. */
function detailToLine(raw: IDataObject): OrderLine {
	return { name: text(raw.Title) ?? text(raw.BookTitle) ?? 'Item', sku: [], quantity: amount(raw.Quantity) || 1, price: 0, total: 0 };
}

/** Maps one raw comment to an Order comment. */
export function pixlparkComment(raw: IDataObject): OrderComment {
	return dropUndefined({
		id: text(raw.Id),
		author: text(raw.UserName) ?? text(raw.Email) ?? text(raw.UserCreatedId) ?? '',
		date: parseShopDate(raw.DateCreated) ?? '',
		text: text(raw.BodySource) ?? text(raw.Body) ?? text(raw.Text) ?? '',
	});
}

/** Builds the customer from the user record, else from what the order itself carries. */
export function pixlparkCustomer(order: IDataObject, user?: IDataObject): OrderCustomer {
	const info = objectOf(order.UserAdditionalInfo) ?? {};
	const address = objectOf(order.DeliveryAddress) ?? {};
	const company = objectOf(user?.CompanyAccount);
	const firstName = text(user?.FirstName);
	const lastName = text(user?.LastName);
	const middleName = text(user?.MiddleName);
	const name =
		[lastName, firstName, middleName].filter(Boolean).join(' ') || text(info.Name) || text(address.FullName) || text(user?.Email) || '';
	const companyId = text(company?.Id) ?? (amount(order.UserCompanyAccountId) ? text(order.UserCompanyAccountId) : undefined);
	const inn = text(company?.Inn) ?? text(company?.INN) ?? text(order.UserCompanyAccountINN);
	const isCompany = companyId !== undefined || inn !== undefined;
	return dropUndefined({
		type: isCompany ? ('company' as const) : ('person' as const),
		id: text(user?.Id) ?? (amount(order.UserId) ? text(order.UserId) : undefined),
		name,
		firstName,
		lastName,
		middleName,
		phone: text(user?.Phone) ?? text(info.Phone) ?? text(address.Phone),
		email: text(user?.Email) ?? text(info.Email),
		companyName: isCompany ? text(company?.Name) ?? text(order.UserCompanyAccountName) ?? `Company ${companyId ?? inn}` : undefined,
		inn: isCompany ? inn : undefined,
	});
}

/** Builds the delivery from `Shipping` and `DeliveryAddress` (either may be null). */
export function pixlparkDelivery(order: IDataObject): OrderDelivery | undefined {
	const shipping = objectOf(order.Shipping);
	const address = objectOf(order.DeliveryAddress);
	if (!shipping && !address && !amount(order.DeliveryPrice)) return undefined;
	const line = address
		? [address.ZipCode, address.Country, address.State, address.City, address.AddressLine1, address.AddressLine2, address.Description]
				.map(text)
				.filter((part, index, all): part is string => part !== undefined && all.indexOf(part) === index)
				.join(', ')
		: '';
	return dropUndefined({
		method: text(shipping?.Title),
		type: text(shipping?.Type),
		address: line || undefined,
		recipient: text(address?.FullName),
		phone: text(address?.Phone),
		price: amount(order.DeliveryPrice),
	});
}

/**
 * Pixlpark order (+ items, customer, comments) -> one Order item (nodes/shared/order.ts).
 * Accepts both date forms (`/Date(ms)/` from the API, ISO-8601 from webhooks).
 */
export function pixlparkToOrder(parts: PixlparkOrderParts): Order {
	const raw = parts.order;
	const id = text(raw.Id) ?? '';
	const createdAt = parseShopDate(raw.DateCreated) ?? parseShopDate(raw.DateModified) ?? parseShopDate(raw.StatusDate) ?? new Date(0).toISOString();
	const items = parts.items ? parts.items.map(pixlparkItemToLine) : listOf(raw.OrderDetails).map(detailToLine);
	const comments = [...(parts.comments ?? []), ...(objectOf(raw.Comment) && !parts.comments ? [raw.Comment as IDataObject] : [])].map(pixlparkComment);
	return dropUndefined({
		id,
		number: text(raw.CustomId) ?? id,
		title: text(raw.Title) ?? '',
		createdAt,
		updatedAt: parseShopDate(raw.DateModified) ?? parseShopDate(raw.StatusDate),
		status: normalizePixlparkStatus(raw.Status) ?? text(raw.Status) ?? '',
		paymentStatus: text(raw.PaymentStatus),
		paymentSystem: text(raw.PaymentSystem) ?? text(raw.PaymentSystemName),
		currency: text(raw.Currency) ?? 'RUB',
		prices: {
			total: amount(raw.TotalPrice),
			discount: amount(raw.DiscountPrice),
			delivery: amount(raw.DeliveryPrice),
			paid: amount(raw.PaidPrice),
		},
		customer: pixlparkCustomer(raw, parts.user),
		items,
		delivery: pixlparkDelivery(raw),
		comments,
		orderUrl: text(raw.OrderUrl) ?? text(raw.Url),
		archiveUrl: text(raw.DownloadLink),
		site: text(raw.SiteUrl) ?? text(raw.PhotolabId),
		source: 'pixlpark',
	});
}

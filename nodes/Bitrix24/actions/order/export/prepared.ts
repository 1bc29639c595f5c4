import type { IDataObject } from 'n8n-workflow';

import type { Order } from '../../../../shared/order';
import type { ExportSettings } from './settings';

/** One input order, checked, with the keys that let orders of the same customer share look-ups and records. */
export interface PreparedOrder {
	itemIndex: number;
	order: Order;
	settings: ExportSettings;
	/** The person (contact, or a company's employee). */
	personKey?: string;
	companyKey?: string;
}

const digits = (value: string) => value.replace(/\D/g, '');

/** Short, stable, key-safe names (batch keys allow letters, digits and _). */
function keyOf(prefix: string, identity: string, registry: Map<string, string>): string {
	let key = registry.get(identity);
	if (!key) {
		key = `${prefix}${registry.size}`;
		registry.set(identity, key);
	}
	return key;
}

export function identify(order: Order, registry: Map<string, string>): Pick<PreparedOrder, 'personKey' | 'companyKey'> {
	const c = order.customer;
	const person = c.bitrix24ContactId
		? `contact:${c.bitrix24ContactId}`
		: c.phone && digits(c.phone)
			? `phone:${digits(c.phone)}`
			: c.email
				? `email:${c.email.toLowerCase()}`
				: c.id
					? `customer:${c.id}`
					: `order:${order.id}`;
	const keys: Pick<PreparedOrder, 'personKey' | 'companyKey'> = { personKey: keyOf('p', person, registry) };
	if (c.type === 'company') {
		const company = c.bitrix24CompanyId ? `company:${c.bitrix24CompanyId}` : c.inn ? `inn:${c.inn}` : `name:${(c.companyName ?? '').toLowerCase()}`;
		keys.companyKey = keyOf('k', company, registry);
	}
	return keys;
}

export type OrderResult = IDataObject;

import type { INodePropertyOptions } from 'n8n-workflow';

/** What an outgoing-webhook event is about: the CRM entity and what happened to it. */
export interface EventMeaning {
	entity: 'company' | 'contact' | 'deal' | 'lead' | 'product';
	action: 'add' | 'delete' | 'update';
}

/**
 * The events the trigger understands. The integration guide ticks the nine UPDATE/DELETE ones;
 * ADD events and CATALOG.PRODUCT.ON.DELETE (which replaces the deprecated ONCRMPRODUCTDELETE) are
 * offered as well.
 */
export const EVENTS: Record<string, EventMeaning & { label: string }> = {
	'CATALOG.PRODUCT.ON.DELETE': { entity: 'product', action: 'delete', label: 'Catalog Product Deleted (CATALOG.PRODUCT.ON.DELETE)' },
	ONCRMCOMPANYADD: { entity: 'company', action: 'add', label: 'Company Created (ONCRMCOMPANYADD)' },
	ONCRMCOMPANYDELETE: { entity: 'company', action: 'delete', label: 'Company Deleted (ONCRMCOMPANYDELETE)' },
	ONCRMCOMPANYUPDATE: { entity: 'company', action: 'update', label: 'Company Updated (ONCRMCOMPANYUPDATE)' },
	ONCRMCONTACTADD: { entity: 'contact', action: 'add', label: 'Contact Created (ONCRMCONTACTADD)' },
	ONCRMCONTACTDELETE: { entity: 'contact', action: 'delete', label: 'Contact Deleted (ONCRMCONTACTDELETE)' },
	ONCRMCONTACTUPDATE: { entity: 'contact', action: 'update', label: 'Contact Updated (ONCRMCONTACTUPDATE)' },
	ONCRMDEALADD: { entity: 'deal', action: 'add', label: 'Deal Created (ONCRMDEALADD)' },
	ONCRMDEALDELETE: { entity: 'deal', action: 'delete', label: 'Deal Deleted (ONCRMDEALDELETE)' },
	ONCRMDEALUPDATE: { entity: 'deal', action: 'update', label: 'Deal Updated (ONCRMDEALUPDATE)' },
	ONCRMLEADADD: { entity: 'lead', action: 'add', label: 'Lead Created (ONCRMLEADADD)' },
	ONCRMLEADDELETE: { entity: 'lead', action: 'delete', label: 'Lead Deleted (ONCRMLEADDELETE)' },
	ONCRMLEADUPDATE: { entity: 'lead', action: 'update', label: 'Lead Updated (ONCRMLEADUPDATE)' },
	ONCRMPRODUCTDELETE: { entity: 'product', action: 'delete', label: 'Product Deleted (ONCRMPRODUCTDELETE, Deprecated)' },
};

/** The nine events the integration guide tells the shop to tick. */
export const GUIDE_EVENTS = [
	'ONCRMDEALUPDATE',
	'ONCRMCONTACTUPDATE',
	'ONCRMCOMPANYUPDATE',
	'ONCRMLEADUPDATE',
	'ONCRMDEALDELETE',
	'ONCRMCONTACTDELETE',
	'ONCRMCOMPANYDELETE',
	'ONCRMLEADDELETE',
	'ONCRMPRODUCTDELETE',
];

/** Options for the Events multi-select, sorted by name. */
export const EVENT_OPTIONS: INodePropertyOptions[] = Object.entries(EVENTS)
	.map(([value, { label }]) => ({ name: label, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** The REST method that re-reads the record an event is about (none for products). */
export function getMethodOf(entity: EventMeaning['entity']): string | undefined {
	return entity === 'product' ? undefined : `crm.${entity}.get`;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Bitrix24Client } from '../transport';
import { getMethodOf } from './events';
import type { Bitrix24EventItem } from './readEvent';

/**
 * Re-reads the record an event is about (the event itself only says "something changed"):
 * crm.deal.get / crm.contact.get / crm.company.get / crm.lead.get. Delete events and product
 * events keep only the id (the record is gone, or has no CRM get method).
 */
export async function fetchChangedRecord(client: Bitrix24Client, event: Bitrix24EventItem): Promise<IDataObject | undefined> {
	if (event.action === 'delete') return undefined;
	const method = getMethodOf(event.entity);
	if (!method) return undefined;
	return await client.call<IDataObject>(method, { id: event.id });
}

/** True when the item came from the trigger's webhook (and not from an empty manual run). */
export function isEventItem(json: IDataObject): json is Bitrix24EventItem {
	return typeof json.event === 'string' && typeof json.id === 'number' && typeof json.entity === 'string';
}

export type { IExecuteFunctions };

import type { INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../types';
import type { CrmEntity } from './entities';
import { CRM_ENTITIES } from './entities';
import type { ShowWhen } from './fields';

export function idParameter(entity: CrmEntity, show: ShowWhen): INodeProperties {
	const label = CRM_ENTITIES[entity].label;
	return { displayName: `${label} ID`, name: 'id', type: 'string', required: true, default: '', description: `The ID of the ${label.toLowerCase()} in Bitrix24`, displayOptions: { show } };
}

/** The record ID parameter, checked: Bitrix24 answers a bad ID with an unhelpful "Not found". */
export function readId(item: ItemContext, entity: CrmEntity, name = 'id', displayName = `${CRM_ENTITIES[entity].label} ID`): number {
	const raw = String(item.param(name, '') ?? '').trim();
	if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
		throw new Error(`Item ${item.itemIndex}: field "${displayName}" must be a positive whole number, got ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}`);
	}
	return Number(raw);
}

import type { IDataObject } from 'n8n-workflow';

import { readId } from '../crm/id';
import type { BatchedOperation } from '../types';
import { readSettings } from './export/settings';

const show = { resource: ['order'], operation: ['stageToStatus'] };

/**
 * The other direction of status sync: a deal (e.g. from the Bitrix24 Trigger) -> the order it
 * was exported from and the order status its stage maps to, through the same Status to Stage
 * Map. Deals that are not exported orders, in another funnel, or at an unmapped stage are dropped.
 */
export const stageToStatus: BatchedOperation = {
	kind: 'batched',
	description: [
		{ displayName: 'Deal ID', name: 'dealId', type: 'string', required: true, default: '={{ $json.id }}', description: 'The deal whose stage changed; the Bitrix24 Trigger outputs it as the ID', displayOptions: { show } },
		{ displayName: 'Originator ID', name: 'originatorId', type: 'string', default: 'pixlpark', description: 'ORIGINATOR_ID the export gives deals; other deals are dropped', displayOptions: { show } },
	],
	plan: (item) => [{ key: 'deal', method: 'crm.deal.get', params: { id: readId(item, 'deal', 'dealId') } }],
	read: (outcome, item) => {
		const deal = outcome('deal').result as IDataObject;
		const settings = readSettings(item);
		if (String(deal.ORIGINATOR_ID ?? '') !== String(item.param('originatorId', 'pixlpark')) || !deal.ORIGIN_ID) return [];
		if (String(deal.CATEGORY_ID ?? '0') !== settings.funnelId) return [];
		const stageId = String(deal.STAGE_ID ?? '');
		const status = [...settings.statusToStage.entries()].find(([, stage]) => stage === stageId)?.[0];
		if (!status) return [];
		const mapping = (item.param<IDataObject>('statusMap', {}).mapping as IDataObject[] | undefined) ?? [];
		const statusName = String(mapping.find((m) => String(m.status).toLowerCase() === status)?.status ?? status);
		return { orderId: String(deal.ORIGIN_ID), dealId: String(deal.ID), stageId, status: statusName };
	},
};

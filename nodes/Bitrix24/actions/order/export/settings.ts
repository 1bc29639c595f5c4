import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { PIXLPARK_STATUSES } from '../../../../shared/pixlparkStatuses';
import { stageEntityId } from '../../funnel/stages';
import type { ItemContext } from '../../types';

const show = { resource: ['order'], operation: ['export'] };
/** The funnel and the status map serve both directions of status sync. */
const showMap = { resource: ['order'], operation: ['export', 'stageToStatus'] };

export type OrderTypes = 'all' | 'person' | 'company';

export interface ExportSettings {
	funnelId: string;
	statusToStage: Map<string, string>;
	defaultStageId?: string;
	responsibleId?: string;
	sourceId?: string;
	orderTypes: OrderTypes;
	newClientsAsLeads: boolean;
	originatorId: string;
	titlePrefix: string;
	deliveryAsProductRow: boolean;
	deliveryField?: string;
}

export const exportDescription: INodeProperties[] = [
	{
		displayName: 'Each input item must be an Order item (see the README), e.g. from the Pixlpark node\'s "Get Full Order". Exporting the same order again updates its deal; it never creates a second one.',
		name: 'exportNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Funnel Name or ID',
		name: 'funnelId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getFunnels' },
		default: '0',
		description: 'The deal funnel ("направление сделки") of the exported deals. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: showMap },
	},
	{
		displayName: 'Status to Stage Map',
		name: 'statusMap',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Status',
		default: {},
		description: 'Which deal stage each Pixlpark order status puts the deal in; the stage changes only when it differs',
		displayOptions: { show: showMap },
		options: [
			{
				displayName: 'Mapping',
				name: 'mapping',
				values: [
					{ displayName: 'Order Status', name: 'status', type: 'options', default: 'NotProcessed', options: [...PIXLPARK_STATUSES].sort((a, b) => a.label.localeCompare(b.label)).map((s) => ({ name: s.label, value: s.name })) },
					{ displayName: 'Stage Name or ID', name: 'stageId', type: 'options', typeOptions: { loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['funnelId'] }, default: '', description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
				],
			},
		],
	},
	{
		displayName: 'Types of Orders Sent',
		name: 'orderTypes',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Customers', value: 'all' },
			{ name: 'Legal Entities Only', value: 'company' },
			{ name: 'Persons Only', value: 'person' },
		],
		description: 'Orders of other customers are passed through as "skipped"',
		displayOptions: { show },
	},
	{
		displayName: 'New Clients as Leads',
		name: 'newClientsAsLeads',
		type: 'boolean',
		default: false,
		description: 'Whether a customer not yet in Bitrix24 becomes a lead carrying the order instead of a deal (a legal entity becomes two leads: the organisation and its employee with the order)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'exportOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Deal Title Prefix', name: 'titlePrefix', type: 'string', default: 'Заказ №', description: 'The deal is titled with this prefix and the order number' },
			{ displayName: 'Delivery as Product Row', name: 'deliveryAsProductRow', type: 'boolean', default: true, description: 'Whether the delivery becomes a product row with its price, so the deal amount includes it' },
			{ displayName: 'Delivery Field', name: 'deliveryField', type: 'string', default: '', placeholder: 'UF_CRM_DELIVERY', description: 'A deal field (e.g. a custom UF_CRM_ field) to put the delivery text in; it always goes into the comment too' },
			{ displayName: 'Originator ID', name: 'originatorId', type: 'string', default: 'pixlpark', description: 'ORIGINATOR_ID of exported deals: together with the order ID it keys each deal, so re-exports update instead of duplicating' },
			{ displayName: 'Responsible Name or ID', name: 'responsibleId', type: 'options', typeOptions: { loadOptionsMethod: 'getUsers' }, default: '', description: 'Employee responsible for new deals; empty = the employee who created the webhooks. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
			{ displayName: 'Source Name or ID', name: 'sourceId', type: 'options', typeOptions: { loadOptionsMethod: 'getSources' }, default: 'WEB', description: 'The deal\'s "Source"; "More about the source" gets the order\'s site. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
			{ displayName: 'Stage for Unmapped Statuses Name or ID', name: 'defaultStageId', type: 'options', typeOptions: { loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['funnelId'] }, default: '', description: 'Stage of new deals whose status is not in the map; empty = the funnel\'s first stage. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
		],
	},
];

export function readSettings(item: ItemContext): ExportSettings {
	const funnelId = String(item.param('funnelId', '0') ?? '0').trim() || '0';
	stageEntityId(funnelId);
	const options = item.param<IDataObject>('exportOptions', {});
	const mapping = (item.param<IDataObject>('statusMap', {}).mapping as IDataObject[] | undefined) ?? [];
	const statusToStage = new Map<string, string>();
	for (const row of mapping) if (row.status && row.stageId) statusToStage.set(String(row.status).toLowerCase(), String(row.stageId));
	const text = (value: unknown) => (value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim());
	return {
		funnelId,
		statusToStage,
		defaultStageId: text(options.defaultStageId),
		responsibleId: text(options.responsibleId),
		sourceId: text(options.sourceId ?? 'WEB'),
		orderTypes: item.param<OrderTypes>('orderTypes', 'all'),
		newClientsAsLeads: item.param('newClientsAsLeads', false),
		originatorId: text(options.originatorId) ?? 'pixlpark',
		titlePrefix: options.titlePrefix === undefined ? 'Заказ №' : String(options.titlePrefix),
		deliveryAsProductRow: options.deliveryAsProductRow !== false,
		deliveryField: text(options.deliveryField),
	};
}

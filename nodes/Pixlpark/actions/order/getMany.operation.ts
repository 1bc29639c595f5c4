import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listAllOrders, listOrders, type OrderFilter } from '../../transport/api';
import { forOperation, STATUS_OPTIONS } from '../common';

export const description = forOperation('order', 'getAll', [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Shipping ID',
				name: 'shippingId',
				type: 'string',
				default: '',
				description: 'Only orders with this delivery method',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'ReadyToProcessing',
				description: 'Only orders in this status',
			},
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				description: 'Only orders of this customer',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description: 'How many orders to ask for per request when returning all',
			},
			{
				displayName: 'Skip',
				name: 'skip',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How many of the newest orders to skip (when not returning all)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const filter: OrderFilter = {
		status: filters.status ? String(filters.status) : undefined,
		userId: filters.userId ? String(filters.userId) : undefined,
		shippingId: filters.shippingId ? String(filters.shippingId) : undefined,
	};
	if (returnAll) {
		const pageSize = Number(options.pageSize ?? 100);
		if (!Number.isInteger(pageSize) || pageSize < 1) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: option "Page Size" must be a whole number above 0`, { itemIndex });
		}
		return await listAllOrders(this, filter, pageSize, itemIndex);
	}
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	const skip = Number(options.skip ?? 0);
	return await listOrders(this, filter, limit, skip, itemIndex);
}

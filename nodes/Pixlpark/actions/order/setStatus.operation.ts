import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { normalizePixlparkStatus } from '../../../shared/pixlparkStatuses';
import { getOrder, setOrderStatus } from '../../transport/api';
import { forOperation, ORDER_ID_FIELD, readOrderId, shown, STATUS_OPTIONS } from '../common';

export const description = forOperation('order', 'setStatus', [
	ORDER_ID_FIELD,
	{
		displayName: 'Status Name or ID',
		name: 'status',
		type: 'options',
		options: STATUS_OPTIONS,
		default: 'ReadyToProcessing',
		required: true,
		description:
			'The new status of the order. Choose from the list, or specify the API name or code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>. "Deleted" deletes the order.',
	},
	{
		displayName: 'Notify the Customer',
		name: 'notify',
		type: 'boolean',
		default: false,
		description: 'Whether Pixlpark sends the customer its usual notification about the new status',
	},
	{
		displayName: 'Only When Different',
		name: 'onlyWhenDifferent',
		type: 'boolean',
		default: true,
		description: 'Whether to read the order first and leave it alone when it already has this status; keeps two-way status sync from bouncing an update back',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = readOrderId(this, itemIndex);
	const given = this.getNodeParameter('status', itemIndex, '');
	const status = normalizePixlparkStatus(given);
	if (!status) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: field "Status" has an unknown Pixlpark status ${shown(given)}`, {
			itemIndex,
			description: 'Use an API name such as ReadyToProcessing or a code such as 5 (README, Pixlpark statuses).',
		});
	}
	const notify = this.getNodeParameter('notify', itemIndex, false) as boolean;
	if (this.getNodeParameter('onlyWhenDifferent', itemIndex, true) as boolean) {
		const current = normalizePixlparkStatus((await getOrder(this, orderId, itemIndex)).Status);
		if (current === status) return [{ orderId, status, changed: false, notified: false }];
	}
	const result = await setOrderStatus(this, orderId, status, notify, itemIndex);
	const type = result.type.toLowerCase();
	if (type !== 'success' && type !== 'warning') {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Pixlpark did not set status "${status}" on order ${orderId}: ${result.description || result.type || 'no answer'}`, { itemIndex });
	}
	return [{ orderId, status, changed: true, notified: notify, result: result.type, description: result.description }];
}

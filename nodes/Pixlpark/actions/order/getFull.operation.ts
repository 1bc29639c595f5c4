import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { fetchFullOrder } from '../../transport/api';
import { forOperation, ORDER_ID_FIELD, readOrderId } from '../common';

export const description = forOperation('order', 'getFull', [ORDER_ID_FIELD]);

/** Order + items + customer + comments as ONE Order item (README, "The Order item"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = readOrderId(this, itemIndex);
	return [(await fetchFullOrder(this, orderId, itemIndex)) as unknown as IDataObject];
}

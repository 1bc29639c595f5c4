import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { getOrderItems } from '../../transport/api';
import { forOperation, ORDER_ID_FIELD, readOrderId } from '../common';

export const description = forOperation('order', 'getItems', [ORDER_ID_FIELD]);

/** One output item per order item (raw Pixlpark fields). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = readOrderId(this, itemIndex);
	return await getOrderItems(this, orderId, itemIndex);
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { getOrder } from '../../transport/api';
import { forOperation, ORDER_ID_FIELD, requiredText } from '../common';

export const description = forOperation('order', 'get', [ORDER_ID_FIELD]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = requiredText(this, 'orderId', 'Order ID', itemIndex);
	return [await getOrder(this, orderId, itemIndex)];
}

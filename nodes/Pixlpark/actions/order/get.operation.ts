import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { getOrder } from '../../transport/api';
import { forOperation, ORDER_ID_FIELD, readOrderId } from '../common';

export const description = forOperation('order', 'get', [ORDER_ID_FIELD]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = readOrderId(this, itemIndex);
	return [await getOrder(this, orderId, itemIndex)];
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { getUser } from '../../transport/api';
import { forOperation, requiredText } from '../common';

export const description = forOperation('customer', 'get', [
	{
		displayName: 'Customer ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '4321',
		description: 'The ID of the customer (the UserId of an order)',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const userId = requiredText(this, 'userId', 'Customer ID', itemIndex);
	return [await getUser(this, userId, itemIndex)];
}

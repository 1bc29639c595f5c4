import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { addOrderComment } from '../../transport/api';
import { forOperation, ORDER_ID_FIELD, readOrderId, requiredText } from '../common';

export const description = forOperation('order', 'addComment', [
	ORDER_ID_FIELD,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The text of the comment, shown in the order card in the Pixlpark panel',
	},
	{
		displayName: 'Author Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The e-mail of the shop employee the comment is written as (a user of the Pixlpark panel)',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = readOrderId(this, itemIndex);
	const comment = requiredText(this, 'comment', 'Comment', itemIndex);
	const email = String(this.getNodeParameter('email', itemIndex, '') ?? '').trim();
	return [await addOrderComment(this, orderId, email, comment, itemIndex)];
}

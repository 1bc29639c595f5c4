import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { PIXLPARK_STATUSES } from '../../shared/pixlparkStatuses';

/** One operation: its fields and what it does with one input item. */
export interface PixlparkOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
}

/** Shows `fields` only for the given resource and operation. */
export function forOperation(resource: string, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/** Status dropdown entries, sorted by their label. */
export const STATUS_OPTIONS = [...PIXLPARK_STATUSES]
	.sort((a, b) => a.label.localeCompare(b.label))
	.map((s) => ({ name: s.label, value: s.name, description: `API name ${s.name}, code ${s.code}` }));

export const ORDER_ID_FIELD: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '123456',
	description: 'The number of the order in Pixlpark (its ID)',
};

/** Reads a required text parameter and names the item and the field when it is empty. */
export function requiredText(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: field "${label}" is empty`, { itemIndex });
	return value;
}

/** Shows at most 40 characters of a bad value, so an error never echoes a whole input back. */
export function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The Order ID parameter: Pixlpark order IDs are whole numbers; anything else is refused before a request. */
export function readOrderId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = requiredText(ctx, 'orderId', 'Order ID', itemIndex);
	if (!/^\d{1,18}$/.test(value)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: field "Order ID" must be the order's number in Pixlpark (digits only), got ${shown(value)}`, { itemIndex });
	}
	return value;
}

export function toItems(list: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

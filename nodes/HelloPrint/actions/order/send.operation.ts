/**
 * The guide's "Send to HelloPrint": one Order item -> one HelloPrint request ("заявка") with the
 * customer, template and its parameters, lines, discussion feed, archive link and the defaults.
 * Safe to run twice: the idempotency key `pixlpark-<order id>` returns the first request.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readOrder } from '../../../shared/order';
import { idempotencyKeyFor } from '../../transport/contract';
import { createRequestOrder, getTemplate } from '../../transport';
import type { ExecutionScope } from '../common';
import { fieldFailure, itemFailure, showFor } from '../common';
import type { ExplicitParameter } from './payload';
import { buildRequestPayload, resolveTemplateParameters, toId } from './payload';

export const description = showFor('order', 'send', [
	{
		displayName: 'Default Manager Name or ID',
		name: 'managerId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getManagers' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The manager every request is assigned to.',
	},
	{
		displayName: 'Default Company Name or ID',
		name: 'companyId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCompanies' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Your company (legal entity) in HelloPrint that takes the request.',
	},
	{
		displayName: 'Default Technical Site Name or ID',
		name: 'techSiteId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTechSites' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The technical site (тех. участок) the request goes to.',
	},
	{
		displayName: 'Default Order Source Name or ID',
		name: 'orderSourceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrderSources' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Where HelloPrint shows the request came from.',
	},
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplatesOrNone' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The HelloPrint template bound to the product (use an expression to pick it per order).',
	},
	{
		displayName: 'Template Parameters',
		name: 'templateParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		description:
			'Values of the template\'s parameters. A parameter not set here takes the value of an order line option with the same name, else the template\'s default.',
		options: [
			{
				displayName: 'Parameter',
				name: 'values',
				values: [
					{
						displayName: 'Parameter Name or ID',
						name: 'parameter',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTemplateParameters', loadOptionsDependsOn: ['templateId'] },
						default: '',
						description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
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
				displayName: 'Include Archive Link',
				name: 'includeArchiveLink',
				type: 'boolean',
				default: true,
				description: 'Whether to send the link to the order archive (the order files), when the order has one',
			},
			{
				displayName: 'Include Discussion Feed',
				name: 'includeComments',
				type: 'boolean',
				default: true,
				description: 'Whether to send the order\'s discussion feed as the request comment, one [author][dd.MM.yyyy HH:mm][text] line per entry (workflow time zone)',
			},
		],
	},
]);

export async function runItem(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope): Promise<IDataObject> {
	const order = readOrder(this.getInputData()[itemIndex].json, this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const templateId = toId(this.getNodeParameter('templateId', itemIndex, ''));
	const explicit = ((this.getNodeParameter('templateParameters', itemIndex, {}) as IDataObject).values ?? []) as ExplicitParameter[];
	if (templateId === undefined && explicit.length > 0) {
		itemFailure(this, itemIndex)('"Template Parameters" are set but no template is chosen');
	}
	// Phone and name are checked before HelloPrint is asked for the template.
	const fail = fieldFailure(this, itemIndex);
	buildRequestPayload(order, {}, undefined, undefined, { includeComments: false, includeArchiveLink: false, timeZone: 'UTC' }, fail);

	let templateParams: Array<{ id: number | string; name: string; value: string }> | undefined;
	if (templateId !== undefined) {
		const key = String(templateId);
		let pending = scope.templates.get(key);
		if (!pending) {
			pending = getTemplate(this, scope.conn, key);
			scope.templates.set(key, pending);
			pending.catch(() => scope.templates.delete(key));
		}
		templateParams = resolveTemplateParameters(await pending, explicit, order, itemFailure(this, itemIndex));
	}
	const payload = buildRequestPayload(
		order,
		{
			managerId: this.getNodeParameter('managerId', itemIndex, '') as string,
			companyId: this.getNodeParameter('companyId', itemIndex, '') as string,
			techSiteId: this.getNodeParameter('techSiteId', itemIndex, '') as string,
			orderSourceId: this.getNodeParameter('orderSourceId', itemIndex, '') as string,
		},
		templateId,
		templateParams,
		{
			includeComments: options.includeComments !== false,
			includeArchiveLink: options.includeArchiveLink !== false,
			timeZone: this.getTimezone(),
		},
		fail,
	);
	const idempotencyKey = idempotencyKeyFor(order.id);
	const { request, created } = await createRequestOrder(this, scope.conn, payload, idempotencyKey);
	return {
		orderId: order.id,
		orderNumber: order.number,
		requestId: request.id,
		requestNumber: request.number ?? null,
		link: request.link ?? null,
		created,
		idempotencyKey,
	};
}

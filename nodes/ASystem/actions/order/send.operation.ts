import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readOrder } from '../../../shared/order';
import { ENDPOINTS, IDEMPOTENCY_HEADER, idempotencyKeyFor, readCreatedOrder, writeOrder } from '../../transport/contract';
import { asystemRequestFull, readAnswer } from '../../transport';
import { roundingProperty } from '../rounding';
import type { RunContext } from '../templates';
import { GROUP_LABELS, getIdentifiers, getTemplate, templateIdProperty } from '../templates';
import type { IntegrationNames, MappingEntry } from './build';
import { buildOrderValues, DEFAULT_NAMES } from './build';

const show = { resource: ['order'], operation: ['send'] };

const NAME_FIELDS: Array<{ field: keyof IntegrationNames; displayName: string; what: string }> = [
	{ field: 'comment', displayName: 'Comment', what: 'the discussion feed, one [author][date][comment] per entry' },
	{ field: 'deliveryAddress', displayName: 'Delivery Address', what: 'the delivery address' },
	{ field: 'deliveryMethod', displayName: 'Delivery Method', what: 'the delivery method' },
	{ field: 'issueDate', displayName: 'Issue Date', what: 'the "Issue Date" field, as dd.MM.yyyy' },
	{ field: 'orderFiles', displayName: 'Order Files', what: 'the link to the order archive, once the order is archived' },
	{ field: 'orderNumber', displayName: 'Order Number', what: 'the Pixlpark order number' },
	{ field: 'paymentStatus', displayName: 'Payment Status', what: 'the payment status and the payment system' },
	{ field: 'recipient', displayName: 'Recipient', what: 'the recipient (or the customer) name' },
	{ field: 'roundedPrice', displayName: 'Rounded Price', what: 'the order total after "Rounding"' },
];

export const description: INodeProperties[] = [
	templateIdProperty('order', 'send'),
	{
		displayName: 'Template Parameters',
		name: 'parameterMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show },
		description:
			'How template parameters are filled. A parameter not listed here is taken from the order lines\' option of the same name (see below).',
		options: [
			{
				displayName: 'Parameter',
				name: 'mapping',
				values: [
					{
						displayName: 'Template Parameter Name or ID',
						name: 'parameter',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTemplateParameters', loadOptionsDependsOn: ['templateId'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						hint: 'An expression gives "order:Name", "detail:Name", "operation:Name" or a bare parameter name',
					},
					{
						displayName: 'Name on the Site',
						name: 'siteName',
						type: 'string',
						default: '',
						placeholder: 'Способ оплаты',
						description:
							'The option name in the order lines when the product shows this parameter under another name ("Name of the parameter on the site"). Empty: the template parameter name.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'A fixed value or an expression; when not empty it wins over the order option',
					},
				],
			},
		],
	},
	{
		displayName: 'Fill Parameters From Order Options',
		name: 'matchByName',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description: "Whether template parameters not listed above take the value of the order lines' option of the same name",
	},
	{
		displayName: 'Manager ID',
		name: 'managerId',
		type: 'string',
		default: '',
		displayOptions: { show },
		description: 'The ASystem manager of the order. Empty: the one the Identifiers > Get operation returns.',
	},
	{
		displayName: 'Contractor ID',
		name: 'contractorId',
		type: 'string',
		default: '',
		displayOptions: { show },
		description: 'The ASystem contractor (контрагент) of the order. Empty: the one the Identifiers > Get operation returns.',
	},
	{ ...roundingProperty, displayOptions: { show }, description: 'How the order total is rounded for the "Rounded Price" parameter (the calculator\'s rounding setting)' },
	{
		displayName: 'Issue Date',
		name: 'issueDate',
		type: 'dateTime',
		default: '',
		displayOptions: { show },
		description: 'The date the order is handed out, for the "Issue Date" parameter; empty: not sent',
	},
	{
		displayName: 'Order Parameter Names',
		name: 'parameterNames',
		type: 'collection',
		placeholder: 'Rename Parameter',
		default: {},
		displayOptions: { show },
		description:
			'Names under which the order\'s own data is looked up in the template (the guide\'s "order parameter names"). Each is filled only when the template has a parameter of that name; set a name to rename it, or clear it to never send that value.',
		options: NAME_FIELDS.map(({ field, displayName, what }) => ({
			displayName,
			name: field,
			type: 'string' as const,
			default: DEFAULT_NAMES[field],
			description: `Template parameter that receives ${what}`,
		})),
	},
];

function mappingOf(raw: unknown): MappingEntry[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((entry: IDataObject) => ({
		parameter: String(entry.parameter ?? ''),
		siteName: entry.siteName === undefined ? undefined : String(entry.siteName),
		value: entry.value,
	}));
}

export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject> {
	const node = this.getNode();
	const order = readOrder(this.getInputData()[itemIndex].json, node, itemIndex);
	const templateId = String(this.getNodeParameter('templateId', itemIndex, ''));
	const template = await getTemplate(this, run, templateId, itemIndex);
	const renamed = this.getNodeParameter('parameterNames', itemIndex, {}) as Partial<IntegrationNames>;
	const result = buildOrderValues({
		order,
		template,
		mapping: mappingOf(this.getNodeParameter('parameterMapping.mapping', itemIndex, [])),
		names: { ...DEFAULT_NAMES, ...renamed },
		matchByName: this.getNodeParameter('matchByName', itemIndex, true) as boolean,
		rounding: this.getNodeParameter('rounding', itemIndex, 'none') as string,
		issueDate: (this.getNodeParameter('issueDate', itemIndex, '') as string) || undefined,
		timezone: this.getTimezone(),
	});
	const templateLabel = `"${template.name}" (ID ${template.id})`;
	if (result.unknownMapping.length) {
		throw new NodeOperationError(
			node,
			`Item ${itemIndex}: field "Template Parameters" names "${result.unknownMapping[0]}", which ASystem template ${templateLabel} does not have`,
			{ itemIndex, description: 'Pick the parameter from the list again; the template may have changed on the ASystem server.' },
		);
	}
	if (result.missingRequired.length) {
		const list = result.missingRequired.map((m) => `"${m.name}" (${GROUP_LABELS[m.group]})`).join(', ');
		throw new NodeOperationError(
			node,
			`Item ${itemIndex}: order ${order.number} has no value for the required parameter ${list} of ASystem template ${templateLabel}`,
			{
				itemIndex,
				description:
					'Add the parameter under "Template Parameters" with a value, or with the "Name on the Site" of the order option that holds it.',
			},
		);
	}
	let managerId = String(this.getNodeParameter('managerId', itemIndex, '')).trim();
	let contractorId = String(this.getNodeParameter('contractorId', itemIndex, '')).trim();
	if (!managerId || !contractorId) {
		const ids = await getIdentifiers(this, run, itemIndex);
		managerId ||= ids.managerId;
		contractorId ||= ids.contractorId;
	}
	const endpoint = ENDPOINTS.createOrder;
	// The idempotency key makes this POST safe to resend after a lost answer: ASystem creates
	// at most one order per key and answers a repeat with the order it already created.
	const answer = await asystemRequestFull(this, {
		...endpoint,
		body: writeOrder({ externalId: order.id, externalNumber: order.number, templateId: template.id, managerId, contractorId, values: result.values }),
		headers: { [IDEMPOTENCY_HEADER]: idempotencyKeyFor(order.id) },
		retry: 'always',
		itemIndex,
	});
	const created = readAnswer(this, { ...endpoint, itemIndex }, answer.body, (body) => readCreatedOrder(body, answer.statusCode));
	return {
		asystemOrderId: created.id,
		asystemOrderNumber: created.number ?? null,
		created: created.created,
		orderId: order.id,
		orderNumber: order.number,
		templateId: template.id,
		templateName: template.name,
		managerId,
		contractorId,
		orderParameters: result.values.order,
		detailParameters: result.values.detail,
		operationParameters: result.values.operation,
		skipped: result.skipped.map((s) => ({ ...s })),
	};
}

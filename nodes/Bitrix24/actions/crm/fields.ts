import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { CrmEntity } from './entities';
import { EMAIL_TYPES, PHONE_TYPES } from './entities';

/** A field of the create/update collection (not itself a node property: `label`/`key` keep the linter from treating it as one). */
type FieldSpec = { key: string; code: string; label: string; kind: 'string' | 'number' | 'options' | 'dateTime'; loadOptionsMethod?: string; dependsOn?: string[]; hint?: string };

const PERSON: FieldSpec[] = [
	{ key: 'name', code: 'NAME', label: 'First Name', kind: 'string' },
	{ key: 'secondName', code: 'SECOND_NAME', label: 'Middle Name', kind: 'string' },
	{ key: 'lastName', code: 'LAST_NAME', label: 'Last Name', kind: 'string' },
];
const COMMON: FieldSpec[] = [
	{ key: 'assignedById', code: 'ASSIGNED_BY_ID', label: 'Responsible Name or ID', kind: 'options', loadOptionsMethod: 'getUsers', hint: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
	{ key: 'comments', code: 'COMMENTS', label: 'Comment', kind: 'string', hint: 'Text with BB-codes, shown in the "Comment" field' },
	{ key: 'sourceId', code: 'SOURCE_ID', label: 'Source Name or ID', kind: 'options', loadOptionsMethod: 'getSources', hint: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
	{ key: 'sourceDescription', code: 'SOURCE_DESCRIPTION', label: 'More About the Source', kind: 'string' },
];

const FIELDS: Record<CrmEntity, FieldSpec[]> = {
	deal: [
		{ key: 'title', code: 'TITLE', label: 'Title', kind: 'string' },
		{ key: 'categoryId', code: 'CATEGORY_ID', label: 'Funnel Name or ID', kind: 'options', loadOptionsMethod: 'getFunnels', hint: 'The deal\'s funnel ("направление сделки"); it cannot be changed by an update. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
		{ key: 'stageId', code: 'STAGE_ID', label: 'Stage Name or ID', kind: 'options', loadOptionsMethod: 'getStagesOfFieldFunnel', dependsOn: ['fields.categoryId'], hint: 'Stages of the funnel chosen above. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
		{ key: 'opportunity', code: 'OPPORTUNITY', label: 'Amount', kind: 'number' },
		{ key: 'currencyId', code: 'CURRENCY_ID', label: 'Currency Name or ID', kind: 'options', loadOptionsMethod: 'getCurrencies', hint: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
		{ key: 'contactId', code: 'CONTACT_ID', label: 'Contact ID', kind: 'string' },
		{ key: 'companyId', code: 'COMPANY_ID', label: 'Company ID', kind: 'string' },
		{ key: 'beginDate', code: 'BEGINDATE', label: 'Start Date', kind: 'dateTime' },
		{ key: 'originatorId', code: 'ORIGINATOR_ID', label: 'Originator (External System)', kind: 'string' },
		{ key: 'originId', code: 'ORIGIN_ID', label: 'Origin ID (ID in the External System)', kind: 'string' },
		...COMMON,
	],
	contact: [...PERSON, { key: 'companyId', code: 'COMPANY_ID', label: 'Company ID', kind: 'string' }, { key: 'post', code: 'POST', label: 'Position', kind: 'string' }, ...COMMON],
	company: [{ key: 'title', code: 'TITLE', label: 'Company Name', kind: 'string' }, { key: 'companyType', code: 'COMPANY_TYPE', label: 'Company Type', kind: 'string' }, ...COMMON],
	lead: [
		{ key: 'title', code: 'TITLE', label: 'Title', kind: 'string' },
		...PERSON,
		{ key: 'companyTitle', code: 'COMPANY_TITLE', label: 'Company Name', kind: 'string' },
		{ key: 'opportunity', code: 'OPPORTUNITY', label: 'Amount', kind: 'number' },
		{ key: 'currencyId', code: 'CURRENCY_ID', label: 'Currency Name or ID', kind: 'options', loadOptionsMethod: 'getCurrencies', hint: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>' },
		...COMMON,
	],
};

const HAS_COMMUNICATIONS: Record<CrmEntity, boolean> = { deal: false, contact: true, company: true, lead: true };

function sorted<T extends { displayName: string }>(list: T[]): T[] {
	return [...list].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The "Fields" collection of create/update for one entity. */
export type ShowWhen = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

export function fieldsCollection(entity: CrmEntity, show: ShowWhen): INodeProperties {
	const options: INodeProperties[] = FIELDS[entity].map((f) => ({
		displayName: f.label,
		name: f.key,
		type: f.kind,
		default: f.kind === 'number' ? 0 : '',
		description: f.hint,
		...(f.loadOptionsMethod ? { typeOptions: { loadOptionsMethod: f.loadOptionsMethod, ...(f.dependsOn ? { loadOptionsDependsOn: f.dependsOn } : {}) } } : {}),
	}));
	if (HAS_COMMUNICATIONS[entity]) {
		options.push(
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'One or more phone numbers, separated by commas' },
			{ displayName: 'Phone Type', name: 'phoneType', type: 'options', default: 'MOBILE', options: PHONE_TYPES.map((t) => ({ name: t, value: t })), description: 'MOBILE is "Мобильный", the type Pixlpark reads back' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'One or more e-mail addresses, separated by commas' },
			{ displayName: 'Email Type', name: 'emailType', type: 'options', default: 'HOME', options: EMAIL_TYPES.map((t) => ({ name: t, value: t })), description: 'HOME is "Частный", the type Pixlpark reads back' },
		);
	}
	options.push({
		displayName: 'Other Fields (JSON)',
		name: 'customFields',
		type: 'json',
		default: '{}',
		description: 'Any other field by its Bitrix24 code, e.g. {"UF_CRM_ORDER": "1001"}',
	});
	return { displayName: 'Fields', name: 'fields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: { show }, options: sorted(options) };
}

/** Parses a JSON parameter, with an error naming the item and the field. */
export function parseJsonParameter(value: unknown, field: string, itemIndex: number): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	try {
		const parsed = jsonParse<unknown>(String(value));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// reported below
	}
	throw new Error(`Item ${itemIndex}: field "${field}" must be a JSON object, e.g. {"UF_CRM_1": "value"}`);
}

function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

/** A field's value as given, refused when it is not of the field's kind (an object as a title, "NaN" as an amount). */
function checkedValue(spec: FieldSpec, value: unknown, itemIndex: number): unknown {
	if (value === null) return value;
	const shown = (v: unknown) => {
		const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
		return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
	};
	if (typeof value === 'object') throw new Error(`Item ${itemIndex}: field "${spec.label}" must be ${spec.kind === 'number' ? 'a number' : 'text'}, got ${Array.isArray(value) ? 'a list' : 'an object'}`);
	if (spec.kind !== 'number') return value;
	const amount = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(',', '.').trim()) : Number.NaN;
	if (!Number.isFinite(amount)) throw new Error(`Item ${itemIndex}: field "${spec.label}" must be a number, got ${shown(value)}`);
	return value;
}

/** The node's Fields collection as Bitrix24 `fields`, with phones and e-mails as multifields. */
export function toBitrixFields(entity: CrmEntity, input: IDataObject, itemIndex: number): IDataObject {
	const fields: IDataObject = {};
	for (const spec of FIELDS[entity]) {
		const value = input[spec.key];
		if (value === undefined || value === '') continue;
		fields[spec.code] = checkedValue(spec, value, itemIndex) as IDataObject[string];
	}
	const phones = splitList(input.phone);
	if (phones.length) fields.PHONE = phones.map((VALUE) => ({ VALUE, VALUE_TYPE: String(input.phoneType ?? 'MOBILE') }));
	const emails = splitList(input.email);
	if (emails.length) fields.EMAIL = emails.map((VALUE) => ({ VALUE, VALUE_TYPE: String(input.emailType ?? 'HOME') }));
	Object.assign(fields, parseJsonParameter(input.customFields, 'Fields > Other Fields (JSON)', itemIndex));
	return fields;
}

/** Drops empty values and turns multifields into plain lists: what most workflows want. */
export function simplifyRecord(record: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		if ((key === 'PHONE' || key === 'EMAIL' || key === 'WEB' || key === 'IM') && Array.isArray(value)) {
			out[key] = (value as IDataObject[]).map((v) => v.VALUE as string);
			continue;
		}
		out[key] = value;
	}
	return out;
}

/**
 * Field definitions of the four legacy CRM entities and the normalisation of written values into
 * the form `crm.*.get` shows (strings, null when unset, Y/N, dates with +03:00).
 */
import { formatDate, formatDateTime, parseDate, type EntityTable, type Row } from './db';
import { asList, isPlainObject } from './params';

export type FieldType =
	| 'integer'
	| 'double'
	| 'string'
	| 'char'
	| 'date'
	| 'datetime'
	| 'crm_status'
	| 'crm_category'
	| 'crm_currency'
	| 'user'
	| 'crm_contact'
	| 'crm_company'
	| 'crm_lead'
	| 'crm_multifield';

export interface FieldDef {
	type: FieldType;
	readOnly?: boolean;
	multiple?: boolean;
	/** Accepted on write but not shown by get/list (CONTACT_IDS, COMPANY_IDS). */
	hidden?: boolean;
	statusType?: string;
	title: string;
}

export const MULTIFIELDS = ['PHONE', 'EMAIL', 'WEB', 'IM'] as const;
export const MULTIFIELD_TYPES: Record<string, string[]> = {
	PHONE: ['WORK', 'MOBILE', 'FAX', 'HOME', 'PAGER', 'MAILING', 'OTHER'],
	EMAIL: ['WORK', 'HOME', 'MAILING', 'OTHER'],
	WEB: ['WORK', 'HOME', 'FACEBOOK', 'VK', 'LIVEJOURNAL', 'TWITTER', 'OTHER'],
	IM: ['FACEBOOK', 'TELEGRAM', 'VK', 'SKYPE', 'VIBER', 'INSTAGRAM', 'OTHER'],
};

/** `NAME:type[:ro|:hidden|:multi][:STATUS_TYPE]` */
function spec(text: string): Record<string, FieldDef> {
	const out: Record<string, FieldDef> = {};
	for (const part of text.trim().split(/\s+/)) {
		const [name, type, ...flags] = part.split(':');
		const def: FieldDef = { type: type as FieldType, title: name };
		for (const f of flags) {
			if (f === 'ro') def.readOnly = true;
			else if (f === 'hidden') def.hidden = true;
			else if (f === 'multi') def.multiple = true;
			else def.statusType = f;
		}
		out[name] = def;
	}
	return out;
}

const COMMON_TAIL = `ASSIGNED_BY_ID:user CREATED_BY_ID:user:ro MODIFY_BY_ID:user:ro DATE_CREATE:datetime:ro
	DATE_MODIFY:datetime:ro ORIGINATOR_ID:string ORIGIN_ID:string UTM_SOURCE:string UTM_MEDIUM:string
	UTM_CAMPAIGN:string UTM_CONTENT:string UTM_TERM:string LAST_ACTIVITY_TIME:datetime:ro`;

const PERSON = `HONORIFIC:crm_status:HONORIFIC NAME:string SECOND_NAME:string LAST_NAME:string BIRTHDATE:date POST:string`;

export const ENTITY_FIELDS: Record<EntityTable, Record<string, FieldDef>> = {
	deals: spec(`ID:integer:ro TITLE:string TYPE_ID:crm_status:DEAL_TYPE CATEGORY_ID:crm_category
		STAGE_ID:crm_status:DEAL_STAGE STAGE_SEMANTIC_ID:string:ro IS_NEW:char:ro IS_RECURRING:char
		IS_RETURN_CUSTOMER:char:ro IS_REPEATED_APPROACH:char:ro PROBABILITY:integer CURRENCY_ID:crm_currency
		OPPORTUNITY:double IS_MANUAL_OPPORTUNITY:char TAX_VALUE:double COMPANY_ID:crm_company
		CONTACT_ID:crm_contact CONTACT_IDS:crm_contact:hidden:multi QUOTE_ID:integer BEGINDATE:date
		CLOSEDATE:date OPENED:char CLOSED:char COMMENTS:string SOURCE_ID:crm_status:SOURCE
		SOURCE_DESCRIPTION:string LEAD_ID:crm_lead ADDITIONAL_INFO:string LOCATION_ID:string
		MOVED_BY_ID:user:ro MOVED_TIME:datetime:ro ${COMMON_TAIL}`),
	contacts: spec(`ID:integer:ro ${PERSON} PHOTO:string TYPE_ID:crm_status:CONTACT_TYPE
		SOURCE_ID:crm_status:SOURCE SOURCE_DESCRIPTION:string COMMENTS:string OPENED:char EXPORT:char
		HAS_PHONE:char:ro HAS_EMAIL:char:ro HAS_IMOL:char:ro COMPANY_ID:crm_company
		COMPANY_IDS:crm_company:hidden:multi LEAD_ID:crm_lead ADDRESS:string ${COMMON_TAIL}
		PHONE:crm_multifield:multi EMAIL:crm_multifield:multi WEB:crm_multifield:multi IM:crm_multifield:multi`),
	companies: spec(`ID:integer:ro TITLE:string COMPANY_TYPE:crm_status:COMPANY_TYPE LOGO:string
		ADDRESS:string ADDRESS_LEGAL:string BANKING_DETAILS:string INDUSTRY:crm_status:INDUSTRY
		EMPLOYEES:crm_status:EMPLOYEES CURRENCY_ID:crm_currency REVENUE:double OPENED:char COMMENTS:string
		HAS_PHONE:char:ro HAS_EMAIL:char:ro HAS_IMOL:char:ro IS_MY_COMPANY:char LEAD_ID:crm_lead
		${COMMON_TAIL} PHONE:crm_multifield:multi EMAIL:crm_multifield:multi WEB:crm_multifield:multi
		IM:crm_multifield:multi`),
	leads: spec(`ID:integer:ro TITLE:string ${PERSON} COMPANY_TITLE:string SOURCE_ID:crm_status:SOURCE
		SOURCE_DESCRIPTION:string STATUS_ID:crm_status:STATUS STATUS_DESCRIPTION:string
		STATUS_SEMANTIC_ID:string:ro ADDRESS:string CURRENCY_ID:crm_currency OPPORTUNITY:double
		IS_MANUAL_OPPORTUNITY:char OPENED:char COMMENTS:string HAS_PHONE:char:ro HAS_EMAIL:char:ro
		HAS_IMOL:char:ro COMPANY_ID:crm_company CONTACT_ID:crm_contact IS_RETURN_CUSTOMER:char:ro
		DATE_CLOSED:datetime:ro ${COMMON_TAIL} PHONE:crm_multifield:multi EMAIL:crm_multifield:multi
		WEB:crm_multifield:multi IM:crm_multifield:multi`),
	requisites: spec(`ID:integer:ro ENTITY_TYPE_ID:integer ENTITY_ID:integer PRESET_ID:integer
		DATE_CREATE:datetime:ro DATE_MODIFY:datetime:ro CREATED_BY_ID:user:ro MODIFY_BY_ID:user:ro NAME:string
		CODE:string XML_ID:string ORIGINATOR_ID:string ACTIVE:char ADDRESS_ONLY:char SORT:integer RQ_NAME:string
		RQ_FIRST_NAME:string RQ_LAST_NAME:string RQ_SECOND_NAME:string RQ_COMPANY_NAME:string
		RQ_COMPANY_FULL_NAME:string RQ_COMPANY_REG_DATE:string RQ_DIRECTOR:string RQ_ACCOUNTANT:string
		RQ_CEO_NAME:string RQ_CEO_WORK_POS:string RQ_CONTACT:string RQ_EMAIL:string RQ_PHONE:string RQ_FAX:string
		RQ_IDENT_DOC:string RQ_INN:string RQ_KPP:string RQ_OGRN:string RQ_OGRNIP:string RQ_OKPO:string
		RQ_OKTMO:string RQ_OKVED:string RQ_VAT_PAYER:char RQ_VAT_ID:string`),
};

/** Types compared as numbers by list filters and order. */
export function isNumericType(t: FieldType | undefined): boolean {
	return (
		t === 'integer' ||
		t === 'double' ||
		t === 'user' ||
		t === 'crm_category' ||
		t === 'crm_contact' ||
		t === 'crm_company' ||
		t === 'crm_lead'
	);
}

export function isDateType(t: FieldType | undefined): boolean {
	return t === 'date' || t === 'datetime';
}

/** Normalises one written scalar into its stored (get) form. */
export function normalizeValue(def: FieldDef | undefined, v: unknown): unknown {
	if (v === null || v === undefined) return null;
	if (def === undefined) {
		// UF_* or unknown: strings, arrays of strings kept as lists.
		if (Array.isArray(v) || isPlainObject(v)) return asList(v).map((x) => (x === null ? null : String(x)));
		return typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
	}
	if (typeof v === 'object') return null;
	const s = String(v).trim();
	switch (def.type) {
		case 'integer':
		case 'user':
		case 'crm_category':
		case 'crm_contact':
		case 'crm_company':
		case 'crm_lead': {
			if (s === '') return null;
			const n = Number.parseInt(s, 10);
			return Number.isNaN(n) ? null : String(n);
		}
		case 'double': {
			if (s === '') return null;
			const n = Number(s.replace(',', '.'));
			return Number.isFinite(n) ? n.toFixed(2) : null;
		}
		case 'char':
			if (v === true || s === '1' || s.toUpperCase() === 'Y' || s === 'true') return 'Y';
			return 'N';
		case 'date': {
			const d = parseDate(s);
			return d ? formatDate(d) : null;
		}
		case 'datetime': {
			const d = parseDate(s);
			return d ? formatDateTime(d) : null;
		}
		default:
			return String(v);
	}
}

/** The fields a new record starts with (all shown fields null). */
export function blankRecord(table: EntityTable): Row {
	const out: Row = {};
	for (const [name, def] of Object.entries(ENTITY_FIELDS[table])) {
		if (def.hidden || def.type === 'crm_multifield') continue;
		out[name] = null;
	}
	return out;
}

/** The `crm.*.fields` description. */
export function describeFields(table: EntityTable): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, def] of Object.entries(ENTITY_FIELDS[table])) {
		out[name] = {
			type: def.type,
			isRequired: false,
			isReadOnly: def.readOnly === true,
			isImmutable: name === 'CATEGORY_ID',
			isMultiple: def.multiple === true,
			isDynamic: false,
			title: def.title,
			...(def.statusType ? { statusType: def.statusType } : {}),
		};
	}
	return out;
}

/**
 * The fake portal's live state. Records are stored exactly as `crm.*.get` returns them:
 * UPPER_CASE keys, every value a string (or null when unset), dates as ISO with the portal's
 * +03:00 offset, multifields (PHONE, EMAIL, WEB, IM) as arrays of {ID, VALUE_TYPE, VALUE, TYPE_ID}.
 * Tests may read and seed the maps directly (use strings for values, as `get` would show them),
 * or use seedDeal/seedContact/seedCompany/seedLead from index.ts, which normalise like `add`.
 */

export type Row = Record<string, unknown>;

export interface TimelineComment {
	ID: number;
	ENTITY_TYPE: string;
	ENTITY_ID: number;
	COMMENT: string;
	CREATED: string;
	AUTHOR_ID: string;
}

export interface Category {
	id: number;
	name: string;
	sort: number;
	isDefault: boolean;
}

export interface Status {
	ID: number;
	ENTITY_ID: string;
	STATUS_ID: string;
	NAME: string;
	SORT: number;
	SEMANTICS: string | null;
}

export interface FakeBitrix24Db {
	deals: Map<number, Row>;
	contacts: Map<number, Row>;
	companies: Map<number, Row>;
	leads: Map<number, Row>;
	/** Requisites (crm.requisite.*) of companies (ENTITY_TYPE_ID 4) and contacts (3). */
	requisites: Map<number, Row>;
	/** Deal id -> its product rows (as crm.deal.productrows.get returns them). */
	productRows: Map<number, Row[]>;
	/** Lead id -> its product rows (crm.lead.productrows.*). */
	leadProductRows: Map<number, Row[]>;
	timeline: TimelineComment[];
	categories: Category[];
	statuses: Status[];
	users: Row[];
	currencies: Row[];
	/** Last ids handed out (auto-increment: deleted ids are never reused). */
	seq: {
		deals: number;
		contacts: number;
		companies: number;
		leads: number;
		requisites: number;
		multifield: number;
		productRow: number;
		timeline: number;
		status: number;
	};
}

export type EntityTable = 'deals' | 'contacts' | 'companies' | 'leads' | 'requisites';

/** The portal's time zone: Moscow, as most Russian portals. */
const OFFSET_MINUTES = 180;

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** `2024-08-30T14:29:00+03:00` */
export function formatDateTime(d: Date): string {
	const t = new Date(d.getTime() + OFFSET_MINUTES * 60_000);
	return (
		`${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
		`T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+03:00`
	);
}

/** Parses what Bitrix24 accepts for dates: ISO (with or without offset), `YYYY-MM-DD`, `DD.MM.YYYY [HH:MM[:SS]]`. */
export function parseDate(v: unknown): Date | null {
	if (v === null || v === undefined || v === '') return null;
	const s = String(v).trim();
	const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
	if (ru) {
		const [, dd, mm, yyyy, hh = '00', mi = '00', ss = '00'] = ru;
		return new Date(`${yyyy}-${mm}-${dd}T${hh}:${mi}:${ss}+03:00`);
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00+03:00`);
	if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return new Date(`${s.replace(' ', 'T')}+03:00`);
	const d = new Date(s);
	return Number.isNaN(d.getTime()) ? null : d;
}

/** A `date` field: midnight in the portal's zone, shown with time as the real REST does. */
export function formatDate(d: Date): string {
	const t = new Date(d.getTime() + OFFSET_MINUTES * 60_000);
	return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T00:00:00+03:00`;
}

/** Next id of a table (auto-increment; skips ids that tests put into the map directly). */
export function allocId(db: FakeBitrix24Db, table: EntityTable): number {
	let id = db.seq[table] + 1;
	while (db[table].has(id)) id += 1;
	db.seq[table] = id;
	return id;
}

function status(
	id: number,
	entity: string,
	statusId: string,
	name: string,
	sort: number,
	semantics: string | null = null,
): Status {
	return { ID: id, ENTITY_ID: entity, STATUS_ID: statusId, NAME: name, SORT: sort, SEMANTICS: semantics };
}

export function createDb(): FakeBitrix24Db {
	let n = 0;
	const statuses: Status[] = [];
	const add = (entity: string, list: Array<[string, string, string | null]>): void => {
		list.forEach(([sid, name, sem], i) => statuses.push(status(++n, entity, sid, name, (i + 1) * 10, sem)));
	};
	add('DEAL_STAGE', [
		['NEW', 'New', null],
		['PREPARATION', 'Preparing documents', null],
		['PREPAYMENT_INVOICE', 'Prepayment invoice', null],
		['EXECUTING', 'In progress', null],
		['FINAL_INVOICE', 'Final invoice', null],
		['WON', 'Deal won', 'S'],
		['LOSE', 'Deal lost', 'F'],
		['APOLOGY', 'Analyze failure', 'F'],
	]);
	add('DEAL_STAGE_1', [
		['C1:NEW', 'Order received', null],
		['C1:PREPARATION', 'Prepress', null],
		['C1:EXECUTING', 'Printing', null],
		['C1:WON', 'Delivered', 'S'],
		['C1:LOSE', 'Cancelled', 'F'],
	]);
	add('SOURCE', [
		['WEB', 'Website', null],
		['CALL', 'Call', null],
		['EMAIL', 'E-Mail', null],
		['OTHER', 'Other', null],
		['STORE', 'Online store', null],
	]);
	add('STATUS', [
		['NEW', 'Unassigned', null],
		['IN_PROCESS', 'In progress', null],
		['CONVERTED', 'Good lead', 'S'],
		['JUNK', 'Junk lead', 'F'],
	]);
	add('DEAL_TYPE', [
		['SALE', 'Sales', null],
		['SERVICE', 'Service', null],
	]);
	return {
		deals: new Map(),
		contacts: new Map(),
		companies: new Map(),
		leads: new Map(),
		requisites: new Map(),
		productRows: new Map(),
		leadProductRows: new Map(),
		timeline: [],
		categories: [
			{ id: 0, name: 'General', sort: 100, isDefault: true },
			{ id: 1, name: 'Print orders', sort: 200, isDefault: false },
		],
		statuses,
		users: [
			{
				ID: '1',
				XML_ID: null,
				ACTIVE: true,
				NAME: 'Ivan',
				LAST_NAME: 'Petrov',
				SECOND_NAME: '',
				EMAIL: 'admin@example.ru',
				LAST_LOGIN: '2026-12-01T10:00:00+03:00',
				DATE_REGISTER: '2020-01-01T00:00:00+03:00',
				IS_ONLINE: 'N',
				WORK_POSITION: 'Administrator',
				UF_DEPARTMENT: [1],
				USER_TYPE: 'employee',
				IS_ADMIN: true,
			},
			{
				ID: '7',
				XML_ID: null,
				ACTIVE: true,
				NAME: 'Maria',
				LAST_NAME: 'Smirnova',
				SECOND_NAME: '',
				EMAIL: 'maria@example.ru',
				LAST_LOGIN: '2026-12-02T10:00:00+03:00',
				DATE_REGISTER: '2021-03-01T00:00:00+03:00',
				IS_ONLINE: 'N',
				WORK_POSITION: 'Manager',
				UF_DEPARTMENT: [1],
				USER_TYPE: 'employee',
				IS_ADMIN: false,
			},
		],
		currencies: [
			{ CURRENCY: 'RUB', AMOUNT_CNT: '1', AMOUNT: '1.0000', BASE: 'Y', SORT: '100', FULL_NAME: 'Russian Ruble', LID: 'ru', FORMAT_STRING: '# ₽', DEC_POINT: '.', THOUSANDS_SEP: ' ', DECIMALS: '2' },
			{ CURRENCY: 'USD', AMOUNT_CNT: '1', AMOUNT: '90.0000', BASE: 'N', SORT: '200', FULL_NAME: 'US Dollar', LID: 'ru', FORMAT_STRING: '$#', DEC_POINT: '.', THOUSANDS_SEP: ',', DECIMALS: '2' },
			{ CURRENCY: 'EUR', AMOUNT_CNT: '1', AMOUNT: '100.0000', BASE: 'N', SORT: '300', FULL_NAME: 'Euro', LID: 'ru', FORMAT_STRING: '€#', DEC_POINT: '.', THOUSANDS_SEP: ' ', DECIMALS: '2' },
		],
		seq: { deals: 0, contacts: 0, companies: 0, leads: 0, requisites: 0, multifield: 0, productRow: 0, timeline: 0, status: n },
	};
}

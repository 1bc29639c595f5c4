// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- issue 9 asks for fast-xml-parser; this package targets self-hosted n8n
import { XMLParser } from 'fast-xml-parser';
import type { IDataObject } from 'n8n-workflow';

/** Reads 1C's `mode=file` upload: an XML document in UTF-8 or the encoding its declaration names. */
export function decodeXmlUpload(body: Buffer): string {
	const head = body.subarray(0, 200).toString('latin1');
	const declared = /encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
	if (declared === 'windows-1251' || declared === 'cp1251') return new TextDecoder('windows-1251').decode(body);
	return new TextDecoder('utf-8').decode(body);
}

export interface UploadedDocument {
	id?: string;
	number?: string;
	date?: string;
	operation?: string;
	sum?: string;
	/** ЗначенияРеквизитов as name -> value (e.g. "Статус заказа", "Проведен", "Номер по 1С"). */
	requisites: Record<string, string>;
	/** The whole Документ element as parsed. */
	document: IDataObject;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

/** Parses a CommerceML document that 1C sends back (orders with 1C's changes). */
export function parseUploadedDocuments(xml: string): UploadedDocument[] {
	if (/<!DOCTYPE/i.test(xml)) throw new Error('the document declares a DOCTYPE, which CommerceML never does');
	const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: true });
	const parsed = parser.parse(xml) as IDataObject;
	const root = parsed['КоммерческаяИнформация'] as IDataObject | undefined;
	if (!root || typeof root !== 'object') throw new Error('the file is not CommerceML (no КоммерческаяИнформация element)');
	return asArray(root['Документ'] as IDataObject | IDataObject[] | undefined).map((doc) => {
		const requisites: Record<string, string> = {};
		const list = (doc['ЗначенияРеквизитов'] as IDataObject | undefined)?.['ЗначениеРеквизита'];
		for (const r of asArray(list as IDataObject | IDataObject[] | undefined)) {
			const name = text(r['Наименование']);
			if (name) requisites[name] = text(r['Значение']) ?? '';
		}
		return {
			id: text(doc['Ид']),
			number: text(doc['Номер']),
			date: text(doc['Дата']),
			operation: text(doc['ХозОперация']),
			sum: text(doc['Сумма']),
			requisites,
			document: doc,
		};
	});
}

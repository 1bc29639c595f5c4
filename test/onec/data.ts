import { encodeXmlText } from '../../nodes/OneCPolygraphy/helpers/encoding';

/** Business cards: format x colours x paper, runs 100/500/1000, price for the whole run. */
export const CARD_ROWS: string[][] = [];
for (const format of ['90x50', '85x55']) {
	for (const colours of ['4+0', '4+4']) {
		for (const paper of ['Мелованная «Galerie» 300 г', 'Дизайнерская "Touch", 350']) {
			for (const run of [100, 500, 1000]) {
				const base = (format === '90x50' ? 1000 : 1100) + (colours === '4+4' ? 400 : 0) + (paper.startsWith('Диз') ? 900 : 0);
				CARD_ROWS.push([format, colours, paper, String(run), (base * (run / 100) * 0.8).toFixed(2).replace('.', ',')]);
			}
		}
	}
}
export const CARD_HEADER = ['Формат', 'Красочность', 'Бумага', 'Тираж', 'Цена'];

/** Writes rows as CSV the way 1C does: fields with the separator, quotes or newlines are quoted. */
export function csv(header: string[], rows: string[][], separator: string, eol = '\r\n'): string {
	const field = (value: string) => (/[";,\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
	return [header, ...rows].map((row) => row.map(field).join(separator)).join(eol) + eol;
}

export function cp1251(text: string): Buffer {
	const bytes = encodeXmlText(text, 'windows-1251');
	if (bytes.includes('&#')) throw new Error('test data: text not representable in Windows-1251');
	return bytes;
}

export function utf8(text: string, bom = false): Buffer {
	return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

export function binaryItem(data: Buffer, fileName = 'визитки.csv', property = 'data', json: Record<string, unknown> = {}) {
	return { json, binary: { [property]: { data: data.toString('base64'), mimeType: 'text/csv', fileName } } };
}

export function order(overrides: Record<string, unknown> = {}) {
	return {
		id: '1001',
		number: 'PP-1001',
		title: 'Визитки для ООО "Ромашка"',
		createdAt: '2026-03-15T09:30:00Z',
		updatedAt: '2026-03-15T10:00:00Z',
		status: 'Новый',
		paymentStatus: 'paid',
		paymentSystem: 'ЮKassa',
		currency: 'RUB',
		prices: { total: 2350, discount: 150, delivery: 300, paid: 2350 },
		customer: { type: 'person', id: 'u-7', name: 'Иванова Мария Петровна', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', phone: '+7 900 111-22-33', email: 'maria@example.ru' },
		items: [
			{ id: 'L1', name: 'Визитки', sku: [{ name: 'Формат', value: '90x50' }, { name: 'Красочность', value: '4+4' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }], quantity: 100, price: 12, total: 1200 },
			{ id: 'L2', name: 'Флаеры <A6> & co', sku: [], quantity: 2, price: 500, total: 1000 },
		],
		delivery: { method: 'Курьер', address: 'Москва, ул. Тверская, д. 1', price: 300 },
		comments: [{ author: 'Менеджер', date: '2026-03-15T10:05:00Z', text: 'Срочно' }],
		orderUrl: 'https://shop.example.ru/orders/1001',
		...overrides,
	};
}

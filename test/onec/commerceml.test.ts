import { XMLParser } from 'fast-xml-parser';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { localDateTime } from '../../nodes/OneCPolygraphy/helpers/commerceml';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { runNode } from '../helpers/engine';
import { CARD_HEADER, CARD_ROWS, csv, order, utf8 } from './data';

/**
 * The CommerceML 2 (2.08) elements a sale document may hold, by parent, as in the format's
 * schema (commerceml.xsd: КоммерческаяИнформация, Документ, Контрагент, Товар ...). Every element
 * the node writes must be a known child of its parent.
 */
const SCHEMA: Record<string, string[]> = {
	КоммерческаяИнформация: ['Документ', 'Классификатор', 'Каталог', 'ПакетПредложений', 'ИзмененияПакетаПредложений'],
	Документ: ['Ид', 'Номер', 'Дата', 'НомерВерсии', 'ПометкаУдаления', 'ХозОперация', 'Роль', 'Валюта', 'Курс', 'Сумма', 'Контрагенты', 'Время', 'СрокПлатежа', 'Комментарий', 'Налоги', 'Скидки', 'ДопРасходы', 'Склады', 'Товары', 'ЗначенияРеквизитов'],
	Контрагенты: ['Контрагент'],
	Контрагент: ['Ид', 'Наименование', 'Роль', 'ОфициальноеНаименование', 'ЮридическийАдрес', 'ИНН', 'КПП', 'ОКПО', 'ПолноеНаименование', 'Обращение', 'Фамилия', 'Имя', 'Отчество', 'ДатаРождения', 'АдресРегистрации', 'РасчетныеСчета', 'Адрес', 'Контакты', 'Представители', 'Отношение'],
	АдресРегистрации: ['Представление', 'Комментарий', 'АдресноеПоле'],
	ЮридическийАдрес: ['Представление', 'Комментарий', 'АдресноеПоле'],
	Контакты: ['Контакт'],
	Контакт: ['Тип', 'Значение', 'Комментарий'],
	Представители: ['Представитель'],
	Представитель: ['Контрагент'],
	Скидки: ['Скидка'],
	Скидка: ['Наименование', 'Сумма', 'Процент', 'УчтеноВСумме'],
	Товары: ['Товар'],
	Товар: ['Ид', 'ИдКаталога', 'Артикул', 'Наименование', 'БазоваяЕдиница', 'ЦенаЗаЕдиницу', 'Количество', 'Сумма', 'Единица', 'Коэффициент', 'Налоги', 'Скидки', 'ХарактеристикиТовара', 'ЗначенияРеквизитов'],
	ХарактеристикиТовара: ['ХарактеристикаТовара'],
	ХарактеристикаТовара: ['Наименование', 'Значение'],
	ЗначенияРеквизитов: ['ЗначениеРеквизита'],
	ЗначениеРеквизита: ['Наименование', 'Значение'],
};

function checkNames(node: unknown, parent: string, path: string, problems: string[]) {
	if (node === null || typeof node !== 'object') return;
	for (const [key, value] of Object.entries(node as IDataObject)) {
		if (key.startsWith('@_') || key === '#text') continue;
		const allowed = SCHEMA[parent];
		if (allowed && !allowed.includes(key)) problems.push(`${path}/${key}`);
		for (const child of Array.isArray(value) ? value : [value]) checkNames(child, key, `${path}/${key}`, problems);
	}
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	parseTagValue: false,
	isArray: (name) => ['Документ', 'Товар', 'ЗначениеРеквизита', 'Контакт', 'ХарактеристикаТовара'].includes(name),
});

function decodeFile(item: INodeExecutionData, property = 'data'): { text: string; bytes: Buffer } {
	const bytes = Buffer.from(item.binary![property].data, 'base64');
	const head = bytes.subarray(0, 60).toString('latin1');
	const text = /windows-1251/.test(head) ? new TextDecoder('windows-1251').decode(bytes) : bytes.toString('utf8');
	return { text, bytes };
}

type Doc = IDataObject & { Товары: { Товар: IDataObject[] }; ЗначенияРеквизитов: { ЗначениеРеквизита: Array<{ Наименование: string; Значение: string }> } };

function requisites(doc: Doc): Record<string, string> {
	return Object.fromEntries(doc.ЗначенияРеквизитов.ЗначениеРеквизита.map((r) => [r.Наименование, r.Значение]));
}

const node = new OneCPolygraphy();
const company = order({
	id: '1002',
	number: 'PP-1002',
	title: '',
	createdAt: '2026-03-15T22:10:05Z',
	status: 'Принят',
	paymentStatus: undefined,
	paymentSystem: undefined,
	prices: { total: 5000, discount: 0, delivery: 0, paid: 0 },
	customer: { type: 'company', id: 'c-9', name: 'Петров Пётр', companyName: 'ООО "Ромашка"', inn: '7701234567', email: 'buh@romashka.ru' },
	items: [{ name: 'Баннер', sku: [], quantity: 1, price: 5000 }],
	delivery: undefined,
	comments: [],
	orderUrl: undefined,
});

describe('local date and time', () => {
	it('converts to the given time zone, across midnight', () => {
		expect(localDateTime('2026-03-15T22:10:05Z', 'Europe/Moscow')).toEqual({ date: '2026-03-16', time: '01:10:05' });
		expect(localDateTime('2026-03-15T00:00:00Z', 'Asia/Vladivostok')).toEqual({ date: '2026-03-15', time: '10:00:00' });
	});
});

describe('Order -> Build CommerceML File', () => {
	it('one file for all orders (Windows-1251): parsed back field by field', async () => {
		const result = await runNode({
			node,
			parameters: { resource: 'order', operation: 'build', output: 'all', fileName: 'orders.xml', binaryPropertyName: 'data', fileEncoding: 'windows-1251', currency: 'руб' },
			items: [order(), company],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(1);
		const item = result.outputs[0][0];
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(item.json).toEqual({ count: 2, orders: [{ id: '1001', number: 'PP-1001', sum: 2350, lines: 2 }, { id: '1002', number: 'PP-1002', sum: 5000, lines: 1 }] });
		expect(item.binary!.data).toMatchObject({ fileName: 'orders.xml', mimeType: 'application/xml' });
		const { text, bytes } = decodeFile(item);
		expect(text.startsWith('<?xml version="1.0" encoding="windows-1251"?>\n')).toBe(true);
		// Real Windows-1251 bytes: "Документ" is D4 EE EA F3 EC E5 ED F2.
		expect(bytes.includes(Buffer.from([0xc4, 0xee, 0xea, 0xf3, 0xec, 0xe5, 0xed, 0xf2]))).toBe(true);

		const parsed = parser.parse(text) as IDataObject;
		const root = parsed.КоммерческаяИнформация as IDataObject & { Документ: Doc[] };
		expect(root['@_ВерсияСхемы']).toBe('2.08');
		expect(root['@_ДатаФормирования']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		const problems: string[] = [];
		checkNames(parsed, '', '', problems);
		expect(problems).toEqual([]);

		const [person, firm] = root.Документ;
		// The engine runs in America/New_York unless the workflow says otherwise: local date and time.
		expect(person).toMatchObject({ Ид: '1001', Номер: 'PP-1001', ХозОперация: 'Заказ товара', Роль: 'Продавец', Валюта: 'руб', Курс: '1', Сумма: '2350.00' });
		// 09:30 UTC in n8n's default time zone (America/New_York, summer time on 15 March 2026).
		expect(person.Дата).toBe('2026-03-15');
		expect(person.Время).toBe('05:30:00');
		expect(person.Контрагенты).toEqual({
			Контрагент: {
				Ид: 'u-7',
				Наименование: 'Иванова Мария Петровна',
				Роль: 'Покупатель',
				ПолноеНаименование: 'Иванова Мария Петровна',
				Фамилия: 'Иванова',
				Имя: 'Мария',
				Отчество: 'Петровна',
				АдресРегистрации: { Представление: 'Москва, ул. Тверская, д. 1' },
				Контакты: {
					Контакт: [
						{ Тип: 'Почта', Значение: 'maria@example.ru' },
						{ Тип: 'Телефон рабочий', Значение: '+7 900 111-22-33' },
					],
				},
			},
		});
		expect(person.Комментарий).toBe('Визитки для ООО "Ромашка"\n[Менеджер][2026-03-15T10:05:00.000Z] Срочно\nhttps://shop.example.ru/orders/1001');
		expect(person.Скидки).toEqual({ Скидка: { Наименование: 'Скидка', Сумма: '150.00', УчтеноВСумме: 'true' } });
		const [cards, flyers, delivery] = person.Товары.Товар;
		expect(cards).toEqual({
			Ид: 'L1',
			Наименование: 'Визитки',
			БазоваяЕдиница: { '#text': 'шт', '@_Код': '796', '@_НаименованиеПолное': 'Штука', '@_МеждународноеСокращение': 'PCE' },
			ЦенаЗаЕдиницу: '12.00',
			Количество: '100',
			Сумма: '1200.00',
			ХарактеристикиТовара: {
				ХарактеристикаТовара: [
					{ Наименование: 'Формат', Значение: '90x50' },
					{ Наименование: 'Красочность', Значение: '4+4' },
					{ Наименование: 'Бумага', Значение: 'Мелованная «Galerie» 300 г' },
				],
			},
			ЗначенияРеквизитов: {
				ЗначениеРеквизита: [
					{ Наименование: 'ВидНоменклатуры', Значение: 'Товар' },
					{ Наименование: 'ТипНоменклатуры', Значение: 'Товар' },
				],
			},
		});
		// XML special characters survive (escaped by the builder, unescaped by the parser).
		expect(flyers).toMatchObject({ Ид: 'L2', Наименование: 'Флаеры <A6> & co', ЦенаЗаЕдиницу: '500.00', Количество: '2', Сумма: '1000.00' });
		expect(flyers.ХарактеристикиТовара).toBeUndefined();
		expect(delivery).toMatchObject({ Ид: 'ORDER_DELIVERY', Наименование: 'Доставка заказа', ЦенаЗаЕдиницу: '300.00', Количество: '1', Сумма: '300.00' });
		expect(requisites(person)).toEqual({
			'Статус заказа': 'Новый',
			'Заказ оплачен': 'true',
			'Метод оплаты': 'ЮKassa',
			'Способ доставки': 'Курьер',
			'Адрес доставки': 'Москва, ул. Тверская, д. 1',
		});

		expect(firm).toMatchObject({ Ид: '1002', Номер: 'PP-1002', Сумма: '5000.00' });
		expect(firm.Комментарий).toBeUndefined();
		expect(firm.Контрагенты).toEqual({
			Контрагент: {
				Ид: 'c-9',
				Наименование: 'ООО "Ромашка"',
				Роль: 'Покупатель',
				ОфициальноеНаименование: 'ООО "Ромашка"',
				ИНН: '7701234567',
				Контакты: { Контакт: [{ Тип: 'Почта', Значение: 'buh@romashka.ru' }] },
				Представители: { Представитель: { Контрагент: { Отношение: 'Контактное лицо', Ид: 'c-9-contact', Наименование: 'Петров Пётр' } } },
			},
		});
		expect(firm.Товары.Товар).toHaveLength(1);
		expect(firm.Товары.Товар[0]).toMatchObject({ Ид: '1002-1', Наименование: 'Баннер', ЦенаЗаЕдиницу: '5000.00', Количество: '1', Сумма: '5000.00' });
		expect(requisites(firm)).toEqual({ 'Статус заказа': 'Принят', 'Заказ оплачен': 'false' });
	});

	it('one file per order in UTF-8; the currency defaults to the order\'s code; date and time in the workflow time zone', async () => {
		const result = await runNode({
			node,
			parameters: { resource: 'order', operation: 'build', output: 'perOrder', binaryPropertyName: 'xml', fileEncoding: 'utf-8' },
			items: [order({ customer: { type: 'person', name: 'Zoë “Smart” 😀' } }), company],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(2);
		expect(result.outputs[0].map((i) => i.binary!.xml.fileName)).toEqual(['order-PP-1001.xml', 'order-PP-1002.xml']);
		const { text } = decodeFile(result.outputs[0][0], 'xml');
		expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
		const doc = (parser.parse(text) as { КоммерческаяИнформация: { Документ: Doc[] } }).КоммерческаяИнформация.Документ[0];
		expect(doc.Валюта).toBe('RUB');
		expect((doc.Контрагенты as { Контрагент: IDataObject }).Контрагент.Наименование).toBe('Zoë “Smart” 😀');
		expect((doc.Контрагенты as { Контрагент: IDataObject }).Контрагент.Ид).toBe('customer-1001');
	});

	it('characters outside Windows-1251 become character references that parse back', async () => {
		const result = await runNode({
			node,
			parameters: { resource: 'order', operation: 'build', output: 'perOrder', fileEncoding: 'windows-1251' },
			items: [order({ title: 'Emoji 😀 and € and ²' })],
		});
		const { text } = decodeFile(result.outputs[0][0]);
		expect(text).toContain('&#128512;');
		const doc = (new XMLParser({ parseTagValue: false, htmlEntities: true, isArray: (n) => n === 'Документ' }).parse(text) as { КоммерческаяИнформация: { Документ: Doc[] } }).КоммерческаяИнформация.Документ[0];
		expect(String(doc.Комментарий).split('\n')[0]).toBe('Emoji 😀 and € and ²');
	});

	it('prices from a template: each line priced by its options and quantity; the order total follows', async () => {
		const template = utf8(csv(CARD_HEADER, CARD_ROWS, ';'));
		const input = order({
			items: [{ id: 'L1', name: 'Визитки', sku: [{ name: 'Формат', value: '90x50' }, { name: 'Красочность', value: '4+4' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }], quantity: 600, price: 1, total: 1 }],
		});
		const result = await runNode({
			node,
			parameters: { resource: 'order', operation: 'build', output: 'perOrder', fileEncoding: 'utf-8', pricesFromTemplate: true, templateSource: 'binary', templateBinaryProperty: 'template', priceMeans: 'run' },
			items: [{ json: input, binary: { template: { data: template.toString('base64'), mimeType: 'text/csv', fileName: 'визитки.csv' } } }],
		});
		expect(result.error).toBeUndefined();
		const doc = (parser.parse(decodeFile(result.outputs[0][0]).text) as { КоммерческаяИнформация: { Документ: Doc[] } }).КоммерческаяИнформация.Документ[0];
		// Run 500 costs 5600 -> 11.20 a piece; 600 pieces = 6720; + delivery 300 - discount 150.
		expect(doc.Товары.Товар[0]).toMatchObject({ ЦенаЗаЕдиницу: '11.20', Количество: '600', Сумма: '6720.00' });
		expect(doc.Сумма).toBe('6870.00');
		expect(result.json[0].order).toEqual({ id: '1001', number: 'PP-1001', sum: 6870, lines: 1 });
	});

	it('a line whose options are not in the template names the item and the field', async () => {
		const template = utf8(csv(CARD_HEADER, CARD_ROWS, ';'));
		const input = order({ items: [{ name: 'Визитки', sku: [{ name: 'Формат', value: 'A4' }, { name: 'Красочность', value: '4+4' }, { name: 'Бумага', value: 'Мелованная «Galerie» 300 г' }], quantity: 100, price: 1 }] });
		const result = await runNode({
			node,
			parameters: { resource: 'order', operation: 'build', pricesFromTemplate: true, templateSource: 'binary', templateBinaryProperty: 'template' },
			items: [{ json: input, binary: { template: { data: template.toString('base64'), mimeType: 'text/csv', fileName: 'визитки.csv' } } }],
		});
		expect(result.error?.message).toBe('Item 0: order field "items[0].sku": "Формат" has no value "A4" (values: "90x50", "85x55")');
	});

	it('a bad Order item names the item and the field; Continue on Fail keeps the good ones', async () => {
		const bad = order({ createdAt: 'yesterday' });
		const failed = await runNode({ node, parameters: { resource: 'order', operation: 'build' }, items: [order(), bad] });
		expect(failed.error?.message).toBe('Item 1: order field "createdAt" is not a date: "yesterday"');
		const kept = await runNode({ node, parameters: { resource: 'order', operation: 'build' }, items: [order(), bad], continueOnFail: true });
		expect(kept.outputs[0]).toHaveLength(2);
		expect(kept.json[0].order).toMatchObject({ id: '1001' });
		expect(kept.json[1]).toEqual({ error: 'Item 1: order field "createdAt" is not a date: "yesterday"' });
		expect(kept.outputs[0][1].pairedItem).toEqual({ item: 1 });
	});
});

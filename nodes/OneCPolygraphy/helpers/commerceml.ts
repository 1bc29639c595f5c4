// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- issue 9 asks for fast-xml-parser; this package targets self-hosted n8n
import { XMLBuilder } from 'fast-xml-parser';
import type { Order, OrderLine } from '../../shared/order';
import { encodeXmlText } from './encoding';

/**
 * CommerceML 2 (schema 2.08) orders document, as 1C's standard site exchange reads it:
 * КоммерческаяИнформация > Документ (ХозОперация "Заказ товара", Роль "Продавец") with
 * Контрагенты, Товары and ЗначенияРеквизитов. Element order follows the schema's sequence.
 */

export interface CommerceMlOptions {
	encoding: 'utf-8' | 'windows-1251';
	/** IANA time zone for Дата/Время (1C expects local time). */
	timeZone: string;
	/** The currency as written in 1C (e.g. "руб"); empty: the order's currency code. */
	currency?: string;
	generatedAt: Date;
}

type Xml = Record<string, unknown>;

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
const qty = (n: number) => String(Math.round(n * 1000) / 1000);

export function localDateTime(iso: string | Date, timeZone: string): { date: string; time: string } {
	const d = typeof iso === 'string' ? new Date(iso) : iso;
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
			.formatToParts(d)
			.map((p) => [p.type, p.value]),
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

const requisite = (name: string, value: string) => ({ Наименование: name, Значение: value });

function counterparty(order: Order): Xml {
	const c = order.customer;
	const contacts: Xml[] = [];
	if (c.email) contacts.push({ Тип: 'Почта', Значение: c.email });
	if (c.phone) contacts.push({ Тип: 'Телефон рабочий', Значение: c.phone });
	const address = order.delivery?.address;
	const party: Xml = { Ид: c.id ?? `customer-${order.id}`, Наименование: c.type === 'company' ? c.companyName : c.name, Роль: 'Покупатель' };
	if (c.type === 'company') {
		party.ОфициальноеНаименование = c.companyName;
		if (address) party.ЮридическийАдрес = { Представление: address };
		if (c.inn) party.ИНН = c.inn;
	} else {
		party.ПолноеНаименование = c.name;
		if (c.lastName) party.Фамилия = c.lastName;
		if (c.firstName) party.Имя = c.firstName;
		if (c.middleName) party.Отчество = c.middleName;
		if (address) party.АдресРегистрации = { Представление: address };
	}
	if (contacts.length) party.Контакты = { Контакт: contacts };
	if (c.type === 'company' && c.name) {
		// The employee who placed the order, as the company's contact person.
		party.Представители = { Представитель: { Контрагент: { Отношение: 'Контактное лицо', Ид: `${c.id ?? order.id}-contact`, Наименование: c.name } } };
	}
	return party;
}

function goods(line: OrderLine, index: number, order: Order): Xml {
	const item: Xml = {
		Ид: line.id ?? `${order.id}-${index + 1}`,
		Наименование: line.name,
		БазоваяЕдиница: { '#text': 'шт', '@_Код': '796', '@_НаименованиеПолное': 'Штука', '@_МеждународноеСокращение': 'PCE' },
		ЦенаЗаЕдиницу: money(line.price),
		Количество: qty(line.quantity),
		Сумма: money(line.total),
	};
	if (line.sku.length) item.ХарактеристикиТовара = { ХарактеристикаТовара: line.sku.map((o) => ({ Наименование: o.name, Значение: o.value })) };
	item.ЗначенияРеквизитов = { ЗначениеРеквизита: [requisite('ВидНоменклатуры', 'Товар'), requisite('ТипНоменклатуры', 'Товар')] };
	return item;
}

export function isPaid(order: Order): boolean {
	if (order.paymentStatus && /^(paid|оплачен)/i.test(order.paymentStatus.trim())) return true;
	return order.prices.total > 0 && order.prices.paid >= order.prices.total;
}

/** The document's sum: the order total, or (when absent) lines + delivery - discount. */
export function documentSum(order: Order): number {
	if (order.prices.total > 0) return order.prices.total;
	const lines = order.items.reduce((sum, line) => sum + line.total, 0);
	return Math.max(0, lines + (order.delivery?.price ?? order.prices.delivery) - order.prices.discount);
}

export function orderDocument(order: Order, options: CommerceMlOptions): Xml {
	const { date, time } = localDateTime(order.createdAt, options.timeZone);
	const doc: Xml = {
		Ид: order.id,
		Номер: order.number,
		Дата: date,
		ХозОперация: 'Заказ товара',
		Роль: 'Продавец',
		Валюта: options.currency || order.currency,
		Курс: '1',
		Сумма: money(documentSum(order)),
		Контрагенты: { Контрагент: counterparty(order) },
		Время: time,
	};
	const comment = [order.title, ...order.comments.map((c) => `[${c.author}][${c.date}] ${c.text}`), order.orderUrl].filter(Boolean).join('\n');
	if (comment) doc.Комментарий = comment;
	if (order.prices.discount > 0) doc.Скидки = { Скидка: { Наименование: 'Скидка', Сумма: money(order.prices.discount), УчтеноВСумме: 'true' } };
	const lines = order.items.map((line, index) => goods(line, index, order));
	const deliveryPrice = order.delivery?.price ?? order.prices.delivery;
	if (deliveryPrice > 0) {
		lines.push({
			Ид: 'ORDER_DELIVERY',
			Наименование: 'Доставка заказа',
			БазоваяЕдиница: { '#text': 'шт', '@_Код': '796', '@_НаименованиеПолное': 'Штука', '@_МеждународноеСокращение': 'PCE' },
			ЦенаЗаЕдиницу: money(deliveryPrice),
			Количество: '1',
			Сумма: money(deliveryPrice),
			ЗначенияРеквизитов: { ЗначениеРеквизита: [requisite('ВидНоменклатуры', 'Услуга'), requisite('ТипНоменклатуры', 'Услуга')] },
		});
	}
	if (lines.length) doc.Товары = { Товар: lines };
	const requisites = [requisite('Статус заказа', order.status), requisite('Заказ оплачен', isPaid(order) ? 'true' : 'false')];
	if (order.paymentSystem) requisites.push(requisite('Метод оплаты', order.paymentSystem));
	const deliveryMethod = order.delivery?.method ?? order.delivery?.type;
	if (deliveryMethod) requisites.push(requisite('Способ доставки', deliveryMethod));
	if (order.delivery?.address) requisites.push(requisite('Адрес доставки', order.delivery.address));
	if (order.site) requisites.push(requisite('Сайт', order.site));
	doc.ЗначенияРеквизитов = { ЗначениеРеквизита: requisites };
	return doc;
}

export function commerceMlXml(orders: Order[], options: CommerceMlOptions): string {
	const { date, time } = localDateTime(options.generatedAt, options.timeZone);
	const root: Xml = {
		КоммерческаяИнформация: {
			'@_ВерсияСхемы': '2.08',
			'@_ДатаФормирования': `${date}T${time}`,
			...(orders.length ? { Документ: orders.map((order) => orderDocument(order, options)) } : {}),
		},
	};
	const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '\t', suppressEmptyNode: true });
	return `<?xml version="1.0" encoding="${options.encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>\n${xmlChars(builder.build(root) as string)}`;
}

/**
 * XML 1.0 allows no C0 control characters but tab, CR and LF, and no lone surrogates: 1C would
 * refuse the whole file for one NUL in a comment. They are dropped (controls) or become U+FFFD.
 */
function xmlChars(xml: string): string {
	return xml
		// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
		.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function commerceMlFile(orders: Order[], options: CommerceMlOptions): Buffer {
	return encodeXmlText(commerceMlXml(orders, options), options.encoding);
}

/** Seeded templates of the fake ASystem server: contract shapes plus the fake's own price rules. */

export interface FakeParameter {
	name: string;
	type: 'string' | 'number' | 'list' | 'boolean' | 'date';
	required: boolean;
	values?: string[];
	default?: string;
}

export interface FakePricing {
	/** Price of one piece; multiplied by the value of `quantityParameter`. */
	unitPrice: number;
	quantityParameter: string;
	/** `parameter name` -> `value` -> amount added to the price. */
	surcharges: Record<string, Record<string, number>>;
	/** `promo code` -> discount in percent (read from the "Промо-код" parameter). */
	promoCodes: Record<string, number>;
}

export interface FakeTemplate {
	id: string;
	name: string;
	orderParameters: FakeParameter[];
	detailParameters: FakeParameter[];
	operationParameters: FakeParameter[];
	pricing: FakePricing;
}

/** The integration's extra order parameters, as a shop puts them into a template. */
export const EXTRA_ORDER_PARAMETERS: FakeParameter[] = [
	{ name: 'Номер заказа', type: 'string', required: false },
	{ name: 'Получатель', type: 'string', required: false },
	{ name: 'Способ доставки', type: 'string', required: false },
	{ name: 'Адрес доставки', type: 'string', required: false },
	{ name: 'Дата выдачи', type: 'date', required: false },
	{ name: 'Файлы заказа', type: 'string', required: false },
	{ name: 'Комментарий', type: 'string', required: false },
	{ name: 'Статус оплаты', type: 'string', required: false },
	{ name: 'Округленная стоимость', type: 'number', required: false },
];

export function seedTemplates(): FakeTemplate[] {
	return [
		{
			id: '101',
			name: 'Визитная карточка',
			orderParameters: [
				{ name: 'Вид оплаты', type: 'list', required: true, values: ['Наличные', 'Безналичный расчёт', 'Онлайн-оплата'] },
				{ name: 'Тип доставки', type: 'list', required: true, values: ['Самовывоз', 'Курьер', 'Транспортная компания'] },
				{ name: 'Тираж', type: 'number', required: true },
				{ name: 'Город отгрузки', type: 'string', required: false },
				{ name: 'Промо-код', type: 'string', required: false },
				...EXTRA_ORDER_PARAMETERS,
			],
			detailParameters: [{ name: 'Флаер', type: 'list', required: false, values: ['Без флаера', 'С флаером'], default: 'Без флаера' }],
			operationParameters: [{ name: 'Упаковка – Изделий в упаковке', type: 'number', required: false, default: '100' }],
			pricing: {
				unitPrice: 1.2345,
				quantityParameter: 'Тираж',
				surcharges: { 'Тип доставки': { Курьер: 300 }, Флаер: { 'С флаером': 350 } },
				promoCodes: { SALE10: 10 },
			},
		},
		{
			id: '202',
			name: 'Листовка А5',
			orderParameters: [
				{ name: 'Тираж', type: 'number', required: true },
				{ name: 'Бумага', type: 'list', required: true, values: ['Мелованная 130 г/м²', 'Офсетная 80 г/м²'] },
				{ name: 'Промо-код', type: 'string', required: false },
			],
			detailParameters: [],
			operationParameters: [{ name: 'Ламинация', type: 'boolean', required: false, default: 'false' }],
			pricing: {
				unitPrice: 3.5,
				quantityParameter: 'Тираж',
				surcharges: { Бумага: { 'Мелованная 130 г/м²': 120 }, Ламинация: { true: 500 } },
				promoCodes: {},
			},
		},
	];
}

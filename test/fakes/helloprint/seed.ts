/** What a fresh fake HelloPrint holds: the guide's four lists and two templates. */

export interface Entry {
	id: number;
	name: string;
	[key: string]: unknown;
}

export interface FakeTemplateParameter {
	id: number;
	name: string;
	type: 'string' | 'number' | 'select' | 'boolean';
	required: boolean;
	options?: string[];
	default?: string | null;
}

export interface FakeTemplate {
	id: number;
	code: string;
	name: string;
	parameters: FakeTemplateParameter[];
}

export interface FakeSeed {
	managers: Entry[];
	companies: Entry[];
	techSites: Entry[];
	orderSources: Entry[];
	templates: FakeTemplate[];
}

export function defaultSeed(): FakeSeed {
	return {
		managers: [
			{ id: 7, name: 'Иванова Анна', email: 'anna@print.example' },
			{ id: 8, name: 'Петров Сергей', email: 'sergey@print.example' },
			{ id: 9, name: 'Смирнова Ольга', email: 'olga@print.example' },
		],
		companies: [
			{ id: 1, name: 'ООО «Печатный двор»', inn: '7701234567' },
			{ id: 2, name: 'ИП Сидоров А. В.', inn: '772012345678' },
		],
		techSites: [
			{ id: 3, name: 'Широкоформатная печать' },
			{ id: 4, name: 'Цифровая печать' },
			{ id: 5, name: 'Постпечатная обработка' },
		],
		orderSources: [
			{ id: 11, name: 'Сайт (Pixlpark)' },
			{ id: 12, name: 'Телефон' },
			{ id: 13, name: 'Офис' },
		],
		templates: [
			{
				id: 64,
				code: 'HP-64.01',
				name: 'HP-64.01 Баннер ш/ф',
				parameters: [
					{ id: 641, name: 'Ширина, м', type: 'number', required: true },
					{ id: 642, name: 'Высота, м', type: 'number', required: true },
					{ id: 643, name: 'Материал', type: 'select', required: true, options: ['Баннер 440 г/м²', 'Баннер 510 г/м²'], default: 'Баннер 440 г/м²' },
					{ id: 644, name: 'Люверсы', type: 'select', required: false, options: ['Нет', 'По периметру, шаг 0,5 м'] },
				],
			},
			{
				id: 12,
				code: 'HP-12.03',
				name: 'HP-12.03 Визитки',
				parameters: [
					{ id: 121, name: 'Формат', type: 'select', required: true, options: ['90x50', '85x55'], default: '90x50' },
					{ id: 122, name: 'Красочность', type: 'select', required: true, options: ['4+0', '4+4'] },
					{ id: 123, name: 'Тираж', type: 'number', required: true },
				],
			},
		],
	};
}

/** The pure parts of Order > Send: name splitting, ids, template parameter precedence. */
import { NodeOperationError } from 'n8n-workflow';

import { splitCustomerName } from '../../nodes/HelloPrint/actions/order/customer';
import { resolveTemplateParameters, toId } from '../../nodes/HelloPrint/actions/order/payload';
import type { Template } from '../../nodes/HelloPrint/transport/contract';
import { readOrder, type OrderCustomer } from '../../nodes/shared/order';
import { orderItem } from './fixtures';

const fail = (field: string, problem: string): never => {
	throw new Error(`${field} ${problem}`);
};
const failText = (message: string): never => {
	throw new Error(message);
};
const node = { id: 'n', name: 'HelloPrint', type: 'helloPrint', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

function customer(fields: Partial<OrderCustomer>): OrderCustomer {
	return { type: 'person', name: '', ...fields };
}

describe('splitCustomerName', () => {
	it.each([
		['Кузнецова Мария Петровна', ['Кузнецова', 'Мария', 'Петровна']],
		['  Кузнецова   Мария\tПетровна ', ['Кузнецова', 'Мария', 'Петровна']],
		['Иванов Иван', ['Иванов', 'Иван', '']],
		['Иван', ['', 'Иван', '']],
		['Мамедов Руслан Ильхам оглы', ['Мамедов', 'Руслан', 'Ильхам оглы']],
		['Салтыков-Щедрин Михаил Евграфович', ['Салтыков-Щедрин', 'Михаил', 'Евграфович']],
	])('%s', (name, expected) => {
		const split = splitCustomerName(customer({ name }), fail);
		expect([split.surname, split.name, split.patronymic]).toEqual(expected);
	});

	it('uses the given parts when firstName is there, whatever the full name says', () => {
		const split = splitCustomerName(customer({ name: 'Мария К.', firstName: 'Мария', lastName: 'Кузнецова' }), fail);
		expect(split).toEqual({ surname: 'Кузнецова', name: 'Мария', patronymic: '' });
	});

	it('fails on an empty name, naming customer.name', () => {
		expect(() => splitCustomerName(customer({ name: '   ' }), fail)).toThrow(/^customer\.name is missing/);
	});
});

describe('toId', () => {
	it('turns digits into numbers and keeps other ids as text', () => {
		expect([toId(64), toId('64'), toId(' 7 '), toId('HP-64'), toId(''), toId(undefined), toId(null)]).toEqual([64, 64, 7, 'HP-64', undefined, undefined, undefined]);
	});
});

describe('resolveTemplateParameters', () => {
	const template: Template = {
		id: 64,
		name: 'HP-64.01 Баннер ш/ф',
		parameters: [
			{ id: 641, name: 'Ширина, м', type: 'number', required: true },
			{ id: 642, name: 'Высота, м', type: 'number', required: true },
			{ id: 643, name: 'Материал', type: 'select', required: true, options: ['A', 'B'], default: 'A' },
			{ id: 644, name: 'Люверсы', type: 'select', required: false },
		],
	};
	const order = readOrder(orderItem(), node, 0);

	it('node values win over line options, line options over defaults; optional empties are left out', () => {
		const values = resolveTemplateParameters(
			template,
			[
				{ parameter: '642', value: '2,5' },
				{ parameter: 'ширина, м', value: '3' },
			],
			{ ...order, items: [{ ...order.items[0], sku: [{ name: 'Высота, м', value: '1' }] }] },
			failText,
		);
		expect(values).toEqual([
			{ id: 641, name: 'Ширина, м', value: '3' },
			{ id: 642, name: 'Высота, м', value: '2,5' },
			{ id: 643, name: 'Материал', value: 'A' },
		]);
	});

	it('an empty node value falls back to the line option', () => {
		const values = resolveTemplateParameters(template, [{ parameter: '641', value: '3' }, { parameter: '642', value: '' }], order, failText);
		expect(values.find((v) => v.id === 642)?.value).toBe('1');
	});

	it('names the missing required parameter', () => {
		expect(() => resolveTemplateParameters(template, [], order, failText)).toThrow('template "HP-64.01 Баннер ш/ф" parameter "Ширина, м" is required but has no value');
	});

	it('readOrder errors stay NodeOperationErrors naming the item', () => {
		expect(() => readOrder({ id: '1' }, node, 3)).toThrow(NodeOperationError);
	});
});

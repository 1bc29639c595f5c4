import type { INode } from 'n8n-workflow';
import { buildOrderValues, DEFAULT_NAMES, formatComments, formatPaymentStatus } from '../../nodes/ASystem/actions/order/build';
import { applyRounding } from '../../nodes/ASystem/actions/rounding';
import { findParameter, parseParameterKey } from '../../nodes/ASystem/actions/templates';
import type { Template } from '../../nodes/ASystem/transport/contract';
import { readCalculation, readCreatedOrder, readError, readTemplate } from '../../nodes/ASystem/transport/contract';
import { readOrder } from '../../nodes/shared/order';
import { sampleOrder } from './helpers';

const node = { name: 'ASystem', type: 'aSystem', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' } as INode;

const template: Template = {
	id: '1',
	name: 'T',
	parameters: {
		order: [
			{ name: 'Тираж', type: 'number', required: true },
			{ name: 'Комментарий', type: 'string', required: false },
			{ name: 'Статус оплаты', type: 'string', required: false },
			{ name: 'Округленная стоимость', type: 'number', required: false },
			{ name: 'Дата выдачи', type: 'date', required: false },
		],
		detail: [{ name: 'Флаер', type: 'list', required: true, default: 'Нет' }],
		operation: [{ name: 'Тираж', type: 'number', required: false }],
	},
};

describe('ASystem order builder (pure)', () => {
	it('formats the discussion feed as [author][date][comment] in the workflow timezone', () => {
		const order = readOrder(sampleOrder(), node, 0);
		expect(formatComments(order, 'Europe/Moscow')).toBe('[Петров Иван][01.12.2026 13:00][Нужно к пятнице]\n[Менеджер][01.12.2026 14:15][Принято в работу]');
		expect(formatComments(order, 'UTC')).toBe('[Петров Иван][01.12.2026 10:00][Нужно к пятнице]\n[Менеджер][01.12.2026 11:15][Принято в работу]');
	});

	it('payment status: status and payment system, or whichever exists', () => {
		const order = readOrder(sampleOrder(), node, 0);
		expect(formatPaymentStatus(order)).toBe('Оплачен (ЮKassa)');
		expect(formatPaymentStatus({ ...order, paymentSystem: undefined })).toBe('Оплачен');
		expect(formatPaymentStatus({ ...order, paymentStatus: undefined, paymentSystem: undefined })).toBeUndefined();
	});

	it.each([
		[1534.56, 'none', 1534.56],
		[1534.56, 'nearest1', 1535],
		[1534.49, 'nearest1', 1534],
		[1534.56, 'nearest10', 1530],
		[1535, 'nearest10', 1540],
		[1534.56, 'nearest100', 1500],
		[1534.56, 'up1', 1535],
		[1534, 'up1', 1534],
		[1530.01, 'up10', 1540],
		[1530, 'up10', 1530],
		[1500.01, 'up100', 1600],
		[0.1 + 0.2, 'up1', 1],
	])('rounds %d with %s to %d', (price, rounding, expected) => {
		expect(applyRounding(price, rounding)).toBe(expected);
	});

	it('parameter keys: group prefix or bare name (order, detail, operation searched in turn)', () => {
		expect(parseParameterKey('operation:Тираж')).toEqual({ group: 'operation', name: 'Тираж' });
		expect(parseParameterKey('Тираж')).toEqual({ name: 'Тираж' });
		expect(findParameter(template, 'Тираж')?.group).toBe('order');
		expect(findParameter(template, 'operation:Тираж')?.group).toBe('operation');
		expect(findParameter(template, 'detail:Тираж')).toBeUndefined();
	});

	it('first matching option across order lines wins; a required parameter with a default is not missing', () => {
		const order = readOrder(
			sampleOrder({
				items: [
					{ name: 'a', sku: [{ name: 'Тираж', value: '' }] },
					{ name: 'b', sku: [{ name: 'Тираж', value: '200' }] },
					{ name: 'c', sku: [{ name: 'Тираж', value: '300' }] },
				],
			}),
			node,
			0,
		);
		const result = buildOrderValues({ order, template, mapping: [], names: DEFAULT_NAMES, matchByName: true, rounding: 'none', issueDate: '2026-12-10T15:00:00', timezone: 'Europe/Moscow' });
		expect(result.values.order.Тираж).toBe('200');
		expect(result.values.operation.Тираж).toBe('200');
		expect(result.values.order['Дата выдачи']).toBe('10.12.2026');
		expect(result.missingRequired).toEqual([]);
		expect(result.sources['order:Тираж']).toBe('order option "Тираж"');
	});

	it('with "Fill Parameters From Order Options" off only the mapping and the extras are sent', () => {
		const order = readOrder(sampleOrder({ items: [{ name: 'a', sku: [{ name: 'Тираж', value: '200' }] }] }), node, 0);
		const result = buildOrderValues({ order, template, mapping: [], names: DEFAULT_NAMES, matchByName: false, rounding: 'up100', timezone: 'UTC' });
		expect(result.values.order).toEqual({
			Комментарий: '[Петров Иван][01.12.2026 10:00][Нужно к пятнице]\n[Менеджер][01.12.2026 11:15][Принято в работу]',
			'Статус оплаты': 'Оплачен (ЮKassa)',
			'Округленная стоимость': '1600',
		});
		expect(result.missingRequired).toEqual([{ group: 'order', name: 'Тираж' }]);
	});

	it('contract readers reject answers of the wrong shape and read the error envelope', () => {
		expect(() => readTemplate({ template: { id: '1', orderParameters: 'x' } })).toThrow('"orderParameters" is not a list');
		expect(() => readCreatedOrder({ order: {} }, 201)).toThrow('order.id is missing');
		expect(readCreatedOrder({ order: { id: 5 } }, 200)).toEqual({ id: '5', created: false, number: undefined, externalId: undefined, createdAt: undefined });
		expect(readCalculation({ price: '12,5' })).toEqual({ price: 12.5, currency: 'RUB' });
		expect(readError({ error: { code: 'X', message: 'y' } })).toEqual({ code: 'X', message: 'y' });
		expect(readError('<html>')).toBeUndefined();
	});
});

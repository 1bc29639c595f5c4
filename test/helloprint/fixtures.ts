import type { IDataObject } from 'n8n-workflow';

import { HelloPrintApi } from '../../credentials/HelloPrintApi.credentials';
import { HelloPrint } from '../../nodes/HelloPrint/HelloPrint.node';
import type { FakeHelloPrint } from '../fakes/helloprint';
import { loadOptions, runNode, type RunNodeOptions } from '../helpers/engine';

/** An Order item as the Pixlpark node produces it (README, "The Order item"). */
export function orderItem(overrides: IDataObject = {}, customer: IDataObject = {}): IDataObject {
	return {
		id: '73021',
		number: '73021',
		title: 'Баннер 3x1 м',
		createdAt: '2026-12-01T09:30:00.000Z',
		status: 'NewOrder',
		currency: 'RUB',
		prices: { total: 4350, discount: 0, delivery: 350, paid: 0 },
		customer: {
			type: 'person',
			id: '501',
			name: 'Кузнецова Мария Петровна',
			phone: '+7 (916) 555-12-34',
			email: 'maria@example.ru',
			...customer,
		},
		items: [
			{
				id: '9001',
				name: 'Баннер ш/ф',
				sku: [
					{ name: 'Высота, м', value: '1' },
					{ name: 'Люверсы', value: 'По периметру, шаг 0,5 м' },
				],
				quantity: 1,
				price: 4000,
				total: 4000,
			},
		],
		delivery: { method: 'Курьер', address: 'Москва, ул. Тверская, 1', recipient: 'Кузнецова Мария', phone: '+79165551234', price: 350 },
		comments: [
			{ author: 'Мария', date: '2026-12-01T09:31:00.000Z', text: 'Нужно к пятнице' },
			{ author: 'Менеджер', date: '2026-12-01T10:00:00.000Z', text: 'Макет принят' },
		],
		archiveUrl: 'https://shop.example/orders/73021/archive.zip',
		orderUrl: 'https://shop.example/admin/orders/73021',
		...overrides,
	};
}

export const SEND_PARAMETERS: IDataObject = {
	resource: 'order',
	operation: 'send',
	managerId: 8,
	companyId: 1,
	techSiteId: 3,
	orderSourceId: 11,
	templateId: 64,
	templateParameters: { values: [{ parameter: 641, value: '3' }] },
};

export function run(fake: FakeHelloPrint, parameters: IDataObject, items: IDataObject[] = [{}], extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		node: new HelloPrint(),
		parameters,
		items,
		credentialTypes: [new HelloPrintApi()],
		credentials: { helloPrintApi: { ...fake.credentials } },
		...extra,
	});
}

export function options(fake: FakeHelloPrint, method: string, parameters: IDataObject = {}, credentials?: IDataObject) {
	return loadOptions({
		node: new HelloPrint(),
		method,
		parameters,
		credentialTypes: [new HelloPrintApi()],
		credentials: { helloPrintApi: { ...fake.credentials, ...(credentials ?? {}) } },
	});
}

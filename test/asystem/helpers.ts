import type { IDataObject } from 'n8n-workflow';
import { ASystemApi } from '../../credentials/ASystemApi.credentials';
import { ASystem } from '../../nodes/ASystem/ASystem.node';
import type { FakeASystem } from '../fakes/asystem';
import type { RunNodeOptions } from '../helpers/engine';
import { loadOptions, runNode } from '../helpers/engine';

export function credentialsFor(fake: Pick<FakeASystem, 'url' | 'apiKey'>, overrides: IDataObject = {}) {
	return { aSystemApi: { apiHost: fake.url, apiKey: fake.apiKey, ignoreSslIssues: false, ...overrides } };
}

export async function run(
	fake: Pick<FakeASystem, 'url' | 'apiKey'>,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	extra: Partial<RunNodeOptions> & { credentialOverrides?: IDataObject } = {},
) {
	return await runNode({
		node: new ASystem(),
		parameters,
		items,
		credentialTypes: [new ASystemApi()],
		credentials: credentialsFor(fake, extra.credentialOverrides),
		continueOnFail: extra.continueOnFail,
	});
}

export async function options(fake: Pick<FakeASystem, 'url' | 'apiKey'>, method: string, parameters: IDataObject) {
	return await loadOptions({ node: new ASystem(), parameters, method, credentialTypes: [new ASystemApi()], credentials: credentialsFor(fake) });
}

/** An Order item (README "The Order item") for a business-card order with every extra present. */
export function sampleOrder(overrides: IDataObject = {}): IDataObject {
	return {
		id: '120345',
		number: '120345',
		title: 'Визитки',
		createdAt: '2026-12-01T09:30:00Z',
		status: 'NotProcessed',
		paymentStatus: 'Оплачен',
		paymentSystem: 'ЮKassa',
		currency: 'RUB',
		prices: { total: 1534.56, discount: 0, delivery: 300, paid: 1534.56 },
		customer: { type: 'person', name: 'Петров Иван', phone: '+79991234567', email: 'ivan@example.com' },
		items: [
			{
				name: 'Визитки 90x50',
				quantity: 1,
				price: 1234.56,
				sku: [
					{ name: 'Вид оплаты', value: 'Онлайн-оплата' },
					{ name: 'Тип доставки', value: 'Курьер' },
					{ name: 'Тираж', value: '1000' },
					{ name: 'Флаер', value: 'С флаером' },
				],
			},
		],
		delivery: { method: 'Курьер', address: 'Москва, ул. Ленина, 1', recipient: 'Петрова Анна', price: 300 },
		comments: [
			{ author: 'Петров Иван', date: '2026-12-01T10:00:00Z', text: 'Нужно к пятнице' },
			{ author: 'Менеджер', date: '2026-12-01T11:15:00Z', text: 'Принято в работу' },
		],
		archiveUrl: 'https://shop.example/archive/120345.zip',
		...overrides,
	};
}

/** An Order item for the A5 leaflet template (no extra parameters in that template). */
export function leafletOrder(overrides: IDataObject = {}): IDataObject {
	return sampleOrder({
		id: '120400',
		number: '120400',
		items: [
			{
				name: 'Листовки А5',
				quantity: 1,
				price: 3620,
				sku: [
					{ name: 'Тираж', value: '1000' },
					{ name: 'Бумага', value: 'Мелованная 130 г/м²' },
				],
			},
		],
		...overrides,
	});
}

export const sendParameters = (extra: IDataObject = {}): IDataObject => ({ resource: 'order', operation: 'send', templateId: '101', ...extra });

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
	const { createServer } = await import('node:net');
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

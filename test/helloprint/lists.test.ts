/** Data lists and templates, as operations and as dropdowns, in n8n's engine against the fake. */
import { startFakeHelloPrint, type FakeHelloPrint } from '../fakes/helloprint';
import { options, run } from './fixtures';

describe('HelloPrint data lists and templates', () => {
	let fake: FakeHelloPrint;
	beforeEach(async () => {
		// per_page capped at 2, so every list of three spans two pages.
		fake = await startFakeHelloPrint({ maxPerPage: 2 });
	});
	afterEach(async () => fake.close());

	it.each([
		['getManagers', '/api/v3/managers', [7, 8, 9], 'Петров Сергей'],
		['getCompanies', '/api/v3/companies', [1, 2], 'ООО «Печатный двор»'],
		['getTechSites', '/api/v3/tech-sites', [3, 4, 5], 'Широкоформатная печать'],
		['getOrderSources', '/api/v3/order-sources', [11, 12, 13], 'Телефон'],
	])('%s returns every entry across pages, one item each', async (operation, path, ids, someName) => {
		const result = await run(fake, { resource: 'list', operation, returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.id)).toEqual(ids);
		expect(result.json.map((j) => j.name)).toContain(someName);
		expect(result.outputs[0].every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		const calls = fake.calls.filter((c) => c.path === path);
		expect(calls.map((c) => c.query.page)).toEqual(ids.length > 2 ? ['1', '2'] : ['1']);
		expect(calls.every((c) => c.authorization === `Bearer ${fake.apiKey}`)).toBe(true);
	});

	it('stops at the limit', async () => {
		const result = await run(fake, { resource: 'list', operation: 'getManagers', returnAll: false, limit: 1 });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: 7, name: 'Иванова Анна', email: 'anna@print.example' }]);
		expect(fake.calls.filter((c) => c.path === '/api/v3/managers')).toHaveLength(1);
	});

	it('runs once per input item, pairing each output with its item', async () => {
		const result = await run(fake, { resource: 'list', operation: 'getCompanies', returnAll: true }, [{ a: 1 }, { a: 2 }]);
		expect(result.json.map((j) => j.id)).toEqual([1, 2, 1, 2]);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it('lists templates (the guide\'s "Synchronise templates")', async () => {
		const result = await run(fake, { resource: 'template', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ id: 64, code: 'HP-64.01', name: 'HP-64.01 Баннер ш/ф', parameters_count: 4 },
			{ id: 12, code: 'HP-12.03', name: 'HP-12.03 Визитки', parameters_count: 3 },
		]);
	});

	it('gets one template with its parameters', async () => {
		const result = await run(fake, { resource: 'template', operation: 'get', templateId: 64 });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		const template = result.json[0];
		expect(template.name).toBe('HP-64.01 Баннер ш/ф');
		expect(template.parameters).toEqual(fake.seed.templates[0].parameters);
		expect(fake.calls.at(-1)?.path).toBe('/api/v3/templates/64');
	});

	it('names an unknown template with HelloPrint\'s message', async () => {
		const result = await run(fake, { resource: 'template', operation: 'get', templateId: 999 });
		expect(result.error?.message).toContain('HTTP 404 - Template not found.');
		expect(result.error?.message).toContain('GET /templates/999');
	});

	describe('dropdowns (the guide\'s "Refresh data lists" reloads them)', () => {
		it.each([
			['getManagers', [{ name: 'Иванова Анна', value: 7 }, { name: 'Петров Сергей', value: 8 }, { name: 'Смирнова Ольга', value: 9 }]],
			['getCompanies', [{ name: 'ИП Сидоров А. В.', value: 2 }, { name: 'ООО «Печатный двор»', value: 1 }]],
			['getTechSites', [{ name: 'Постпечатная обработка', value: 5 }, { name: 'Цифровая печать', value: 4 }, { name: 'Широкоформатная печать', value: 3 }]],
			['getOrderSources', [{ name: 'Офис', value: 13 }, { name: 'Сайт (Pixlpark)', value: 11 }, { name: 'Телефон', value: 12 }]],
			['getTemplates', [{ name: 'HP-12.03 Визитки', value: 12 }, { name: 'HP-64.01 Баннер ш/ф', value: 64 }]],
		])('%s lists every entry, sorted by name', async (method, expected) => {
			expect(await options(fake, method)).toEqual(expected);
		});

		it('reloading shows what changed in HelloPrint', async () => {
			expect(await options(fake, 'getManagers')).toHaveLength(3);
			fake.seed.managers.push({ id: 10, name: 'Алексеев Павел' });
			const reloaded = await options(fake, 'getManagers');
			expect(reloaded[0]).toEqual({ name: 'Алексеев Павел', value: 10 });
			expect(reloaded).toHaveLength(4);
		});

		it('offers "no template" first for the order', async () => {
			const list = await options(fake, 'getTemplatesOrNone');
			expect(list[0]).toEqual({ name: '- No Template -', value: '' });
			expect(list.slice(1).map((o) => o.value)).toEqual([12, 64]);
		});

		it('lists the chosen template\'s parameters, required ones marked', async () => {
			const list = await options(fake, 'getTemplateParameters', { templateId: 64 });
			expect(list.map((o) => [o.name, o.value])).toEqual([
				['Ширина, м (required)', 641],
				['Высота, м (required)', 642],
				['Материал (required)', 643],
				['Люверсы', 644],
			]);
			expect(list[2].description).toBe('select; one of: Баннер 440 г/м², Баннер 510 г/м²; default: Баннер 440 г/м²');
			expect(await options(fake, 'getTemplateParameters', { templateId: '' })).toEqual([]);
		});

		it('fails with "HelloPrint refused the API key" on a wrong key, never showing it', async () => {
			const error = await options(fake, 'getManagers', {}, { apiKey: 'wrong-key-123456' }).then(
				() => undefined,
				(e: Error & { description?: string }) => e,
			);
			expect(error?.message).toContain('HelloPrint refused the API key');
			expect(`${error?.message} ${error?.description}`).not.toContain('wrong-key-123456');
		});
	});
});

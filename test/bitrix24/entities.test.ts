import type { IDataObject } from 'n8n-workflow';

import { seedCompany, seedRequisite } from '../fakes/bitrix24';
import type { Portal } from './harness';
import { startPortal } from './harness';

const TABLES = { deal: 'deals', contact: 'contacts', company: 'companies', lead: 'leads' } as const;
const NAME_FIELD = { deal: ['title', 'TITLE'], contact: ['name', 'NAME'], company: ['title', 'TITLE'], lead: ['title', 'TITLE'] } as const;

describe('Bitrix24 node: every CRM entity through create, get, update, get many, delete', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await startPortal();
	});
	afterAll(async () => await portal.fake.close());

	for (const entity of ['deal', 'contact', 'company', 'lead'] as const) {
		it(`${entity}: the whole life cycle, batched over three items`, async () => {
			const table = portal.fake.db[TABLES[entity]];
			const [field, code] = NAME_FIELD[entity];
			const created = await portal.run({ resource: entity, operation: 'create', fields: { [field]: '={{ "N-" + $json.n }}' } }, [{ n: 1 }, { n: 2 }, { n: 3 }]);
			expect(created.error).toBeUndefined();
			const ids = created.json.map((j) => Number(j.id));
			expect(ids.map((id) => table.get(id)?.[code])).toEqual(['N-1', 'N-2', 'N-3']);
			const got = await portal.run({ resource: entity, operation: 'get', id: '={{ $json.id }}', simplify: true }, ids.map((id) => ({ id })));
			expect(got.json.map((j) => j[code])).toEqual(['N-1', 'N-2', 'N-3']);
			await portal.run({ resource: entity, operation: 'update', id: String(ids[0]), fields: { [field]: 'Renamed' } });
			expect(table.get(ids[0])?.[code]).toBe('Renamed');
			const many = await portal.run({ resource: entity, operation: 'getAll', returnAll: true, options: { filter: JSON.stringify({ '>=ID': ids[1] }) }, simplify: true });
			expect(many.json.map((j) => Number(j.ID))).toEqual(expect.arrayContaining([ids[1], ids[2]]));
			await portal.run({ resource: entity, operation: 'delete', id: '={{ $json.id }}' }, ids.map((id) => ({ id })));
			expect(ids.some((id) => table.has(id))).toBe(false);
		});
	}

	it('finds companies by phone', async () => {
		const created = await portal.run({ resource: 'company', operation: 'create', fields: { title: 'ООО Ромашка', phone: '+7 495 000-00-01', phoneType: 'WORK' } });
		const found = await portal.run({ resource: 'company', operation: 'find', searchBy: 'PHONE', values: '74950000001' });
		expect(found.json.map((c) => c.ID)).toEqual([String(created.json[0].id)]);
	});
});

describe('Bitrix24 node: Company -> Send to Bitrix24', () => {
	it('creates a company only when it is not there yet (by INN, then by name) and returns its id', async () => {
		const portal = await startPortal();
		try {
			const known = seedCompany(portal.fake.db, { TITLE: 'ООО «Есть»' });
			seedRequisite(portal.fake.db, { ENTITY_TYPE_ID: '4', ENTITY_ID: String(known), RQ_INN: '7700000001', NAME: 'ООО «Есть»', PRESET_ID: '1' });
			const byName = seedCompany(portal.fake.db, { TITLE: 'ИП Петров' });
			const items: IDataObject[] = [
				{ customer: { companyName: 'Другое имя', inn: '7700000001' } },
				{ customer: { companyName: 'ИП Петров' } },
				{ customer: { companyName: 'ООО «Новая»', inn: '7700000002', phone: '+7 495 111-22-33' } },
				{ customer: { companyName: 'ООО «Новая»', inn: '7700000002' } },
				{ customer: { inn: '7700000003' } },
			];
			const result = await portal.run({ resource: 'company', operation: 'sendToBitrix24' }, items, { continueOnFail: true });
			expect(result.json[0]).toEqual({ companyId: String(known), created: false });
			expect(result.json[1]).toEqual({ companyId: String(byName), created: false });
			expect(result.json[2]).toMatchObject({ created: true });
			expect(result.json[3]).toEqual({ companyId: result.json[2].companyId, created: false });
			expect(result.json[4].error).toBe('Item 4: order field "customer.companyName" is missing for a company customer');
			const fresh = portal.fake.db.companies.get(Number(result.json[2].companyId))!;
			expect(fresh.TITLE).toBe('ООО «Новая»');
			expect([...portal.fake.db.requisites.values()].some((r) => r.RQ_INN === '7700000002' && Number(r.ENTITY_ID) === Number(result.json[2].companyId))).toBe(true);
			const again = await portal.run({ resource: 'company', operation: 'sendToBitrix24' }, [items[2]]);
			expect(again.json[0]).toEqual({ companyId: result.json[2].companyId, created: false });
			expect(portal.fake.db.companies.size).toBe(3);
		} finally {
			await portal.fake.close();
		}
	});
});

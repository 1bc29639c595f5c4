/** Reference data: funnels, stages/statuses, users, currencies, profile, scope. */
import { ApiError, type MethodHandler } from './api';
import { PAGE_SIZE } from './list';
import { asObject, param, type Params } from './params';

function page<T>(rows: T[], params: Params): { result: T[]; total: number; next?: number } {
	const start = Number(param(params, 'start') ?? 0);
	const offset = Number.isFinite(start) && start > 0 ? Math.floor(start / PAGE_SIZE) * PAGE_SIZE : 0;
	const next = offset + PAGE_SIZE < rows.length ? offset + PAGE_SIZE : undefined;
	return { result: rows.slice(offset, offset + PAGE_SIZE), total: rows.length, ...(next !== undefined ? { next } : {}) };
}

function truthyFlag(v: unknown): boolean {
	return v === true || v === 1 || v === '1' || v === 'Y' || v === 'true';
}

export function catalogMethods(scopes: () => string[]): Record<string, MethodHandler> {
	return {
		'crm.category.list': (params, ctx) => {
			const type = Number(param(params, 'entityTypeId'));
			if (!Number.isInteger(type) || type <= 0) {
				throw new ApiError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type \`${String(param(params, 'entityTypeId') ?? 0)}\` is not supported`);
			}
			const categories =
				type === 2
					? [...ctx.db.categories]
							.sort((a, b) => a.sort - b.sort)
							.map((c) => ({ id: c.id, name: c.name, sort: c.sort, entityTypeId: 2, isDefault: c.isDefault ? 'Y' : 'N' }))
					: [];
			return { result: { categories }, total: categories.length };
		},
		'crm.status.list': (params, ctx) => {
			const filter = asObject(param(params, 'filter'));
			const rows = ctx.db.statuses
				.filter((s) =>
					Object.entries(filter).every(([k, v]) => String((s as unknown as Record<string, unknown>)[k] ?? '') === String(v)),
				)
				.sort((a, b) => (a.ENTITY_ID === b.ENTITY_ID ? a.SORT - b.SORT : a.ID - b.ID))
				.map((s) => {
					const cat = /^DEAL_STAGE_(\d+)$/.exec(s.ENTITY_ID);
					return {
						ID: String(s.ID),
						ENTITY_ID: s.ENTITY_ID,
						STATUS_ID: s.STATUS_ID,
						NAME: s.NAME,
						NAME_INIT: s.NAME,
						SORT: String(s.SORT),
						SYSTEM: 'Y',
						CATEGORY_ID: cat ? cat[1] : s.ENTITY_ID === 'DEAL_STAGE' ? '0' : null,
						COLOR: s.SEMANTICS === 'S' ? '#7BD500' : s.SEMANTICS === 'F' ? '#FF5752' : '#39A8EF',
						SEMANTICS: s.SEMANTICS,
					};
				});
			return { result: rows, total: rows.length };
		},
		'crm.currency.list': (_params, ctx) => ({ result: structuredClone(ctx.db.currencies), total: ctx.db.currencies.length }),
		'user.get': (params, ctx) => {
			// Filters come flat (`{ACTIVE: true}`) or under FILTER; ID and ACTIVE are understood.
			const f = { ...params, ...asObject(param(params, 'FILTER')) };
			const active = param(f, 'ACTIVE');
			const id = param(f, 'ID');
			const rows = ctx.db.users.filter(
				(u) =>
					(active === undefined || truthyFlag(u.ACTIVE) === truthyFlag(active)) &&
					(id === undefined || String(u.ID) === String(id)),
			);
			return page(structuredClone(rows), params);
		},
		'user.current': (_params, ctx) => {
			const u = ctx.db.users.find((x) => String(x.ID) === ctx.userId);
			return { result: structuredClone(u ?? {}) };
		},
		profile: (_params, ctx) => {
			const u = ctx.db.users.find((x) => String(x.ID) === ctx.userId) ?? {};
			return {
				result: {
					ID: ctx.userId,
					ADMIN: u.IS_ADMIN === true,
					NAME: u.NAME ?? '',
					LAST_NAME: u.LAST_NAME ?? '',
					PERSONAL_GENDER: '',
					TIME_ZONE: '',
					TIME_ZONE_OFFSET: 10800,
				},
			};
		},
		scope: () => ({ result: [...scopes()] }),
	};
}

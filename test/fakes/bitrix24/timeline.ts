/** crm.timeline.comment.add/get/list/delete (lower-case `fields`; ENTITY_TYPE deal|contact|company|lead). */
import { BAD_ID, NOT_FOUND, legacyError, toId, type MethodHandler } from './api';
import { formatDateTime, type EntityTable, type TimelineComment } from './db';
import { PAGE_SIZE } from './list';
import { asObject, param } from './params';

const TABLES: Record<string, EntityTable> = { deal: 'deals', contact: 'contacts', company: 'companies', lead: 'leads' };

function show(c: TimelineComment): Record<string, unknown> {
	return {
		ID: String(c.ID),
		CREATED: c.CREATED,
		ENTITY_ID: String(c.ENTITY_ID),
		ENTITY_TYPE: c.ENTITY_TYPE,
		AUTHOR_ID: c.AUTHOR_ID,
		COMMENT: c.COMMENT,
	};
}

export function timelineMethods(): Record<string, MethodHandler> {
	return {
		'crm.timeline.comment.add': (params, ctx) => {
			const f = asObject(param(params, 'fields'));
			const type = String(f.ENTITY_TYPE ?? '').toLowerCase();
			const table = TABLES[type];
			if (!table) throw legacyError('ENTITY_TYPE is not defined or invalid.');
			const entityId = toId(f.ENTITY_ID);
			if (entityId === null) throw legacyError('ENTITY_ID is not defined or invalid.');
			if (!ctx.db[table].has(entityId)) throw legacyError(NOT_FOUND);
			const comment = f.COMMENT === undefined || f.COMMENT === null ? '' : String(f.COMMENT);
			if (comment.trim() === '') throw legacyError('Empty comment message.');
			let next = ctx.db.seq.timeline + 1;
			while (ctx.db.timeline.some((c) => c.ID === next)) next += 1;
			ctx.db.seq.timeline = next;
			const row: TimelineComment = {
				ID: ctx.db.seq.timeline,
				ENTITY_TYPE: type,
				ENTITY_ID: entityId,
				COMMENT: comment,
				CREATED: formatDateTime(ctx.now()),
				AUTHOR_ID: ctx.userId,
			};
			ctx.db.timeline.push(row);
			return { result: row.ID };
		},
		'crm.timeline.comment.get': (params, ctx) => {
			const id = toId(param(params, 'id'));
			if (id === null) throw legacyError(BAD_ID);
			const c = ctx.db.timeline.find((x) => x.ID === id);
			if (!c) throw legacyError(NOT_FOUND);
			return { result: show(c) };
		},
		'crm.timeline.comment.delete': (params, ctx) => {
			const id = toId(param(params, 'id'));
			if (id === null) throw legacyError(BAD_ID);
			const idx = ctx.db.timeline.findIndex((x) => x.ID === id);
			if (idx < 0) throw legacyError(NOT_FOUND);
			ctx.db.timeline.splice(idx, 1);
			return { result: true };
		},
		'crm.timeline.comment.list': (params, ctx) => {
			const filter = asObject(param(params, 'filter'));
			const order = asObject(param(params, 'order'));
			const desc = String(order.ID ?? order.CREATED ?? 'ASC').toUpperCase() === 'DESC';
			const rows = ctx.db.timeline
				.filter(
					(c) =>
						(filter.ENTITY_ID === undefined || String(c.ENTITY_ID) === String(filter.ENTITY_ID)) &&
						(filter.ENTITY_TYPE === undefined || c.ENTITY_TYPE === String(filter.ENTITY_TYPE).toLowerCase()),
				)
				.sort((a, b) => (desc ? b.ID - a.ID : a.ID - b.ID));
			const start = Number(param(params, 'start') ?? 0);
			const offset = start > 0 ? Math.floor(start / PAGE_SIZE) * PAGE_SIZE : 0;
			const next = offset + PAGE_SIZE < rows.length ? offset + PAGE_SIZE : undefined;
			return {
				result: rows.slice(offset, offset + PAGE_SIZE).map(show),
				total: rows.length,
				...(next !== undefined ? { next } : {}),
			};
		},
	};
}

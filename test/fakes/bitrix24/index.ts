/**
 * A fake Bitrix24 portal: a real HTTP server on 127.0.0.1 that answers like a portal's
 * incoming-webhook REST API (`/rest/{userId}/{webhookSecret}/{method}[.json]`).
 * Used by every Bitrix24 test, the benchmark and the sandbox (`cli.ts`). No jest imports here.
 *
 *   const fake = await startFakeBitrix24({ bucket: { capacity: 50, drainPerSecond: 2 } });
 *   // credential: fake.credentials; state: fake.db; counters: fake.stats, fake.requestLog
 *   fake.setFaults({ nextLostAnswer: 1 });
 *   await fake.close();
 *
 * See server.ts (HTTP, auth, envelopes, faults, limits), batch.ts (batch and `$result` references),
 * list.ts (select/filter/order/paging), records.ts (writes), db.ts (state and seeds).
 */
import type { MethodContext } from './api';
import { addRecord } from './crm';
import { addRequisite } from './requisite';
import type { FakeBitrix24Db, Row } from './db';

export { startFakeBitrix24 } from './server';
export type { FakeBitrix24, FakeBitrix24Options, FakeBitrix24Stats, FaultPlan, RequestLogEntry } from './server';
export type { EventDelivery, OutgoingWebhook, SendEventOptions } from './events';
export type { Category, FakeBitrix24Db, Row, Status, TimelineComment } from './db';
export { createDb, formatDateTime } from './db';
export { buildPhpQuery, parsePhpQuery } from './params';

function seedCtx(db: FakeBitrix24Db, userId = '1'): MethodContext {
	return { db, userId, now: () => new Date() };
}

/** Adds a record as `crm.*.add` would (same normalisation and defaults) and returns its id. */
export function seedDeal(db: FakeBitrix24Db, fields: Row): number {
	return addRecord(seedCtx(db), 'deals', fields);
}
export function seedContact(db: FakeBitrix24Db, fields: Row): number {
	return addRecord(seedCtx(db), 'contacts', fields);
}
export function seedCompany(db: FakeBitrix24Db, fields: Row): number {
	return addRecord(seedCtx(db), 'companies', fields);
}
export function seedLead(db: FakeBitrix24Db, fields: Row): number {
	return addRecord(seedCtx(db), 'leads', fields);
}

/** Adds a requisite (ENTITY_TYPE_ID 4 company / 3 contact, ENTITY_ID, PRESET_ID, NAME, RQ_INN...). */
export function seedRequisite(db: FakeBitrix24Db, fields: Row): number {
	return addRequisite(seedCtx(db), fields);
}

/** Adds `count` deals quickly (e.g. 10,000 for a read benchmark); returns their ids. */
export function seedDeals(db: FakeBitrix24Db, count: number, fields: (i: number) => Row = (i) => ({ TITLE: `Deal ${i + 1}` })): number[] {
	const ids: number[] = [];
	for (let i = 0; i < count; i++) ids.push(seedDeal(db, fields(i)));
	return ids;
}

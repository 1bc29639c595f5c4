import { createHash, createHmac, randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../shared/order';
import { secretsEqual } from '../../shared/secrets';

/**
 * The 1C exchange's state. Nothing lives in process memory between requests:
 * - the session cookie is self-verifying (an HMAC keyed by the exchange password), so any n8n
 *   process (main, webhook, worker) can check it;
 * - the delivery ledger lives in the trigger workflow's static data (saved by n8n in its
 *   database), under one key, written by the 1C Polygraphy node when it answers a query
 *   (orders handed out in this session) and by the trigger on `success` (those become delivered).
 */

export const COOKIE_NAME = 'onec_exchange';
export const LEDGER_KEY = 'onecExchange';
const COOKIE_TTL_SECONDS = 12 * 3600;
/** Hand-outs never confirmed are dropped after a day (the orders go out again anyway). */
const HANDED_OUT_TTL_SECONDS = 24 * 3600;

export interface ExchangeCredentials {
	login: string;
	password: string;
}

function cookieKey(credentials: ExchangeCredentials): Buffer {
	return createHash('sha256').update(`onec-exchange\u0000${credentials.login}\u0000${credentials.password}`).digest();
}

function sign(credentials: ExchangeCredentials, payload: string): string {
	return createHmac('sha256', cookieKey(credentials)).update(payload).digest('base64url').slice(0, 32);
}

/** A new session cookie value: `<issued, base 36>.<session id>.<signature>`. */
export function issueCookie(credentials: ExchangeCredentials, nowMs: number): { value: string; session: string } {
	const session = randomBytes(12).toString('hex');
	const payload = `${Math.floor(nowMs / 1000).toString(36)}.${session}`;
	return { value: `${payload}.${sign(credentials, payload)}`, session };
}

/** The session id of a valid, unexpired cookie value, or undefined. */
export function verifyCookie(credentials: ExchangeCredentials, value: string | undefined, nowMs: number): string | undefined {
	if (!value) return undefined;
	const parts = value.split('.');
	if (parts.length !== 3) return undefined;
	const [issued, session, signature] = parts;
	if (!secretsEqual(signature, sign(credentials, `${issued}.${session}`))) return undefined;
	const age = nowMs / 1000 - parseInt(issued, 36);
	if (!(age >= -300 && age <= COOKIE_TTL_SECONDS)) return undefined;
	return session;
}

export function cookieFromHeader(header: string | string[] | undefined): string | undefined {
	const text = Array.isArray(header) ? header.join('; ') : header;
	if (!text) return undefined;
	for (const part of text.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === COOKIE_NAME) return part.slice(eq + 1).trim();
	}
	return undefined;
}

/** Checks `Authorization: Basic ...` against the credential; both parts are always compared. */
export function basicAuthValid(header: string | undefined, credentials: ExchangeCredentials): boolean {
	if (!header || !/^basic /i.test(header)) return false;
	const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return false;
	const loginOk = secretsEqual(decoded.slice(0, colon), credentials.login);
	const passwordOk = secretsEqual(decoded.slice(colon + 1), credentials.password);
	return loginOk && passwordOk;
}

export interface Ledger {
	/** order id -> [version delivered, delivered at (unix seconds)] */
	delivered: Record<string, [string, number]>;
	/** session id -> orders handed out in that session's last query (id -> version) */
	handedOut: Record<string, { at: number; orders: Record<string, string> }>;
}

/** A copy of the ledger in the static data (callers write it back with `saveLedger`). */
export function readLedger(staticData: IDataObject): Ledger {
	const raw = staticData[LEDGER_KEY] as Partial<Ledger> | undefined;
	return {
		delivered: { ...((raw?.delivered as Ledger['delivered']) ?? {}) },
		handedOut: { ...((raw?.handedOut as Ledger['handedOut']) ?? {}) },
	};
}

/** Writes the ledger back as a new top-level value, so n8n notices the change and saves it. */
export function saveLedger(staticData: IDataObject, ledger: Ledger): void {
	staticData[LEDGER_KEY] = JSON.parse(JSON.stringify(ledger)) as IDataObject;
}

/** An order's version: its update time when known, else a hash of its content. */
export function orderVersion(order: Order): string {
	if (order.updatedAt) return order.updatedAt;
	return createHash('sha256').update(JSON.stringify(order)).digest('base64url').slice(0, 16);
}

export function isDelivered(ledger: Ledger, order: Order): boolean {
	return ledger.delivered[order.id]?.[0] === orderVersion(order);
}

export function recordHandOut(ledger: Ledger, session: string, orders: Order[], nowSeconds: number): void {
	for (const [id, entry] of Object.entries(ledger.handedOut)) {
		if (nowSeconds - entry.at > HANDED_OUT_TTL_SECONDS) delete ledger.handedOut[id];
	}
	ledger.handedOut[session] = { at: nowSeconds, orders: Object.fromEntries(orders.map((o) => [o.id, orderVersion(o)])) };
}

/** Marks the session's hand-out as delivered; returns how many orders became delivered. */
export function confirmSession(ledger: Ledger, session: string, nowSeconds: number, keepDays: number): number {
	const entry = ledger.handedOut[session];
	delete ledger.handedOut[session];
	const horizon = nowSeconds - keepDays * 86400;
	for (const [id, [, at]] of Object.entries(ledger.delivered)) if (at < horizon) delete ledger.delivered[id];
	if (!entry) return 0;
	for (const [id, version] of Object.entries(entry.orders)) ledger.delivered[id] = [version, nowSeconds];
	return Object.keys(entry.orders).length;
}

/** What every REST method of the fake shares: its error type, its result and its context. */
import type { FakeBitrix24Db } from './db';
import type { Params } from './params';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly description: string,
	) {
		super(description);
	}
}

export interface MethodResult {
	result: unknown;
	total?: number;
	next?: number;
}

export interface MethodContext {
	db: FakeBitrix24Db;
	userId: string;
	now(): Date;
	/** Outgoing-webhook event for a REST write (absent for seeds). */
	emit?(event: string, id: number): void;
}

export type MethodHandler = (params: Params, ctx: MethodContext) => MethodResult;

/** Legacy CRM methods answer 400 with an EMPTY error code and a text. */
export function legacyError(text: string): ApiError {
	return new ApiError(400, '', text);
}

export const NOT_FOUND = 'Not found';
export const BAD_ID = 'ID is not defined or invalid.';

/** A positive integer id from a parameter, or null. */
export function toId(v: unknown): number | null {
	if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
	if (typeof v === 'string' && /^\s*\d+\s*$/.test(v) && Number(v) > 0) return Number(v);
	return null;
}

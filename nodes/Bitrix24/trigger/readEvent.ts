import type { IDataObject } from 'n8n-workflow';

import type { FormObject, FormValue } from '../../shared/formBody';
import { FormBodyError, normalizeParsedForm, parseFormBody } from '../../shared/formBody';
import { secretsEqual } from '../../shared/secrets';
import type { EventMeaning } from './events';
import { EVENTS } from './events';

/** Largest outgoing-webhook body accepted; a real event is well under 2 KB. */
export const MAX_EVENT_BYTES = 64 * 1024;

/** The item the trigger emits for one event (never the token). */
export interface Bitrix24EventItem extends IDataObject {
	event: string;
	entity: EventMeaning['entity'];
	action: EventMeaning['action'];
	id: number;
	ts: number | null;
	portal: string;
	memberId: string;
}

export type EventDecision =
	| { outcome: 'accepted'; item: Bitrix24EventItem }
	| { outcome: 'ignored'; event: string }
	| { outcome: 'rejected'; status: 400 | 401; message: string };

export interface IncomingRequest {
	/** The bytes as received, when the server kept them. */
	rawBody?: unknown;
	/** The body as the server parsed it (flat bracket keys, nested, or a string). */
	body?: unknown;
	contentType?: string;
}

function reject(status: 400 | 401, message: string): EventDecision {
	return { outcome: 'rejected', status, message };
}

function field(form: FormObject, ...path: string[]): string | undefined {
	let node: FormValue | undefined = form;
	for (const key of path) {
		if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
		node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
	}
	return typeof node === 'string' ? node : undefined;
}

function isBytes(value: unknown): value is Uint8Array {
	return value instanceof Uint8Array && value.byteLength > 0;
}

/** Reads the form from whatever the server handed over. Throws FormBodyError. */
export function readForm(request: IncomingRequest): FormObject {
	const limits = { maxBytes: MAX_EVENT_BYTES };
	const contentType = (request.contentType ?? '').toLowerCase();
	const isForm = contentType === '' || contentType.startsWith('application/x-www-form-urlencoded');
	if (isBytes(request.rawBody) && request.rawBody.byteLength > MAX_EVENT_BYTES) {
		throw new FormBodyError(`the body is larger than ${MAX_EVENT_BYTES / 1024} KB`, 'too-large');
	}
	if (isForm && isBytes(request.rawBody)) return parseFormBody(request.rawBody, limits);
	if (typeof request.rawBody === 'string' && request.rawBody !== '' && isForm) return parseFormBody(request.rawBody, limits);
	if (typeof request.body === 'string' && request.body !== '') {
		if (!isForm) throw new FormBodyError('the body is not application/x-www-form-urlencoded', 'malformed');
		return parseFormBody(request.body, limits);
	}
	if (typeof request.body === 'object' && request.body !== null && Object.keys(request.body).length > 0) {
		return normalizeParsedForm(request.body, limits);
	}
	throw new FormBodyError('the body is empty', 'malformed');
}

/**
 * Decides what to do with one call to the trigger's URL: parse the form safely, check
 * auth[application_token] in constant time, and read the event. Pure, so it is tested directly.
 */
export function readEvent(request: IncomingRequest, expectedToken: string, selectedEvents: string[]): EventDecision {
	let form: FormObject;
	try {
		form = readForm(request);
	} catch (error) {
		if (error instanceof FormBodyError) return reject(400, `Bad request: ${error.message}`);
		return reject(400, 'Bad request: the body could not be read');
	}
	// The token first: nothing about the event is revealed to a caller without it.
	const token = field(form, 'auth', 'application_token');
	if (token === undefined || token === '') return reject(401, 'Unauthorized: auth[application_token] is missing');
	if (!secretsEqual(token, expectedToken)) return reject(401, 'Unauthorized: auth[application_token] does not match');

	const event = (field(form, 'event') ?? '').trim().toUpperCase();
	if (event === '') return reject(400, 'Bad request: the field "event" is missing');
	if (!selectedEvents.map((e) => e.toUpperCase()).includes(event)) return { outcome: 'ignored', event };
	const meaning = EVENTS[event];
	if (!meaning) return { outcome: 'ignored', event };

	const rawId = field(form, 'data', 'FIELDS', 'ID') ?? field(form, 'data', 'FIELDS', 'id');
	if (rawId === undefined || !/^\d{1,15}$/.test(rawId.trim()) || Number(rawId) <= 0) {
		return reject(400, 'Bad request: data[FIELDS][ID] is missing or not a positive number');
	}
	const rawTs = field(form, 'ts');
	const ts = rawTs !== undefined && /^\d{1,12}$/.test(rawTs.trim()) ? Number(rawTs) : null;
	return {
		outcome: 'accepted',
		item: {
			event,
			entity: meaning.entity,
			action: meaning.action,
			id: Number(rawId),
			ts,
			portal: field(form, 'auth', 'domain') ?? '',
			memberId: field(form, 'auth', 'member_id') ?? '',
		},
	};
}

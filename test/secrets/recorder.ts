/**
 * The recorder behind the secret scan: turns runNode results, trigger answers and log text into
 * records in one JSON-lines file (scan.ts). record.ts installs one per test file; scan.test.ts
 * makes its own to show that a planted secret is reported.
 */
import type { ICredentialType, IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { RunNodeOptions, RunNodeResult } from '../helpers/engine';
import { appendRecords } from './scan';

export function safeJson(value: unknown): string {
	const stack = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, v: unknown) => {
				if (typeof v === 'bigint') return String(v);
				if (v && typeof v === 'object') {
					if (stack.has(v)) return '[circular]';
					stack.add(v);
				}
				return v;
			}) ?? ''
		);
	} catch {
		return String(value);
	}
}

function itemsText(items: INodeExecutionData[] | undefined | null): string {
	if (!items) return '';
	return safeJson(
		items.map((item) => ({
			json: item.json,
			binary: Object.fromEntries(
				Object.entries(item.binary ?? {}).map(([key, data]) => [key, { ...data, data: data.id ? undefined : Buffer.from(data.data, 'base64').toString('utf8') }]),
			),
		})),
	);
}

export function errorText(error: unknown): string {
	if (!error || typeof error !== 'object') return error === undefined ? '' : String(error);
	const e = error as Error & { description?: unknown; context?: unknown; httpCode?: unknown };
	return safeJson({ message: e.message, description: e.description, context: e.context, httpCode: e.httpCode, stack: e.stack });
}

/** The password fields (and expirable tokens) of each credential type. */
function secretFields(types: ICredentialType[] | undefined): Map<string, string[]> {
	const fields = new Map<string, string[]>();
	for (const type of types ?? []) {
		fields.set(
			type.name,
			type.properties.filter((p) => p.typeOptions?.password === true || p.typeOptions?.expirable === true).map((p) => p.name),
		);
	}
	return fields;
}

export interface Recorder {
	recordOutput(source: string, text: string): void;
	recordSecret(name: string, value: unknown): void;
	/** A runNode recorder (setRunNodeRecorder): its outputs, errors and the secrets it was given or obtained. */
	recordRun(options: RunNodeOptions, result: RunNodeResult): void;
}

/** Appends to `file` (nothing when undefined); `where` names the test file and test for each record. */
export function createRecorder(file: string | undefined, where: () => { file: string; test: string }): Recorder {
	const seen = new Set<string>();
	const recordOutput = (source: string, text: string) => {
		if (!file || !text) return;
		const key = `${source}\u0000${text}`;
		if (seen.has(key)) return;
		seen.add(key);
		// Written at once (records are few after de-duplication), so nothing is lost to hook order.
		appendRecords(file, [{ kind: 'output', source, ...where(), text }]);
	};
	const recordSecret = (name: string, value: unknown) => {
		if (!file || typeof value !== 'string' || value === '') return;
		const key = `secret\u0000${value}`;
		if (seen.has(key)) return;
		seen.add(key);
		appendRecords(file, [{ kind: 'secret', name, value }]);
	};
	const recordRun = (options: RunNodeOptions, result: RunNodeResult) => {
		const fields = secretFields(options.credentialTypes);
		const stores: Array<{ type: string; data: IDataObject }> = [
			...Object.entries(options.credentials ?? {}).map(([type, data]) => ({ type, data: data as IDataObject })),
			...result.credentialsHelper.updates.map((u) => ({ type: u.type, data: u.data as IDataObject })),
		];
		for (const { type, data } of stores) for (const name of fields.get(type) ?? []) recordSecret(`${type}.${name}`, data[name]);
		const node = options.node.description.name;
		result.outputs.forEach((items, output) => recordOutput(`runNode ${node} output ${output}`, itemsText(items)));
		recordOutput(`runNode ${node} error`, errorText(result.error));
		recordOutput(`runNode ${node} run error`, errorText(result.run.data.resultData.error));
	};
	return { recordOutput, recordSecret, recordRun };
}

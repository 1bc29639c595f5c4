import type { IDataObject } from 'n8n-workflow';

import { Bitrix24RequestError } from './errors';
import { referencedKeys, toPhpQuery } from './phpQuery';

export const BATCH_LIMIT = 50;

export interface BatchCommand {
	/** Unique across one run; other commands refer to it as `$result[key]`. */
	key: string;
	method: string;
	params?: IDataObject;
}

export interface CommandOutcome {
	result?: unknown;
	error?: { code: string; description: string };
	total?: number;
	next?: number;
	/** Set when the request carrying this command failed as a whole (see its `kind`). */
	transportError?: Bitrix24RequestError;
}

export interface BatchSender {
	host: string;
	send(method: string, params: IDataObject, idempotent: boolean): Promise<{ result?: unknown }>;
}

/** Methods that only read: a lost answer to a batch of these may simply be asked again. */
export function isReadMethod(method: string): boolean {
	return /\.(get|list|fields|findbycomm)$/.test(method) || /^(user\.get|profile|crm\.status\.list|crm\.category\.list|crm\.currency\.list|crm\.duplicate\.findbycomm|crm\.deal\.productrows\.get)$/.test(method);
}

/**
 * Splits commands into groups that must share a request: a command and every command it
 * refers to by `$result[...]` (transitively). Groups keep the commands' order.
 */
export function groupByReferences(commands: BatchCommand[]): BatchCommand[][] {
	const parent = new Map<string, string>();
	const find = (key: string): string => {
		let root = key;
		while (parent.get(root) !== root) root = parent.get(root)!;
		parent.set(key, root);
		return root;
	};
	for (const command of commands) {
		if (parent.has(command.key)) throw new Error(`Batch command key "${command.key}" is used twice`);
		parent.set(command.key, command.key);
	}
	for (const command of commands) {
		for (const ref of referencedKeys(command.params)) {
			if (parent.has(ref)) parent.set(find(command.key), find(ref));
		}
	}
	const groups = new Map<string, BatchCommand[]>();
	for (const command of commands) {
		const root = find(command.key);
		const group = groups.get(root) ?? [];
		group.push(command);
		groups.set(root, group);
	}
	return [...groups.values()];
}

/** Packs groups into as few requests of at most 50 commands as a first-fit in order allows. */
export function packGroups(groups: BatchCommand[][], limit = BATCH_LIMIT): BatchCommand[][] {
	const requests: BatchCommand[][] = [];
	for (const group of groups) {
		if (group.length > limit) {
			throw new Error(`${group.length} commands refer to each other through $result[...]; one batch request holds at most ${limit}`);
		}
		const open = requests.find((request) => request.length + group.length <= limit);
		if (open) open.push(...group);
		else requests.push([...group]);
	}
	// Order inside a request must follow the original order, so references point backwards.
	return requests;
}

function section(value: unknown): Record<string, unknown> {
	// Bitrix24 answers an empty section as [] instead of {}.
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Runs commands through `batch`, as few requests as the references allow. With `halt`,
 * everything goes in one request (Bitrix24 halts only inside one request). Never throws for
 * a failed request: its commands' outcomes carry the `transportError`.
 */
export async function runBatch(sender: BatchSender, commands: BatchCommand[], options: { halt?: boolean } = {}): Promise<Map<string, CommandOutcome>> {
	const outcomes = new Map<string, CommandOutcome>();
	if (commands.length === 0) return outcomes;
	if (options.halt && commands.length > BATCH_LIMIT) {
		throw new Error(`A halting batch runs in one request, which holds at most ${BATCH_LIMIT} commands; got ${commands.length}`);
	}
	const requests = options.halt ? [commands] : packGroups(groupByReferences(commands));
	const order = new Map(commands.map((c, i) => [c.key, i]));
	for (const request of requests) {
		request.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
		const cmd: Record<string, string> = {};
		for (const command of request) {
			const query = toPhpQuery(command.params ?? {});
			cmd[command.key] = query ? `${command.method}?${query}` : command.method;
		}
		const idempotent = request.every((c) => isReadMethod(c.method));
		let answer: { result?: unknown };
		try {
			answer = await sender.send('batch', { halt: options.halt ? 1 : 0, cmd }, idempotent);
		} catch (caught) {
			const error =
				caught instanceof Bitrix24RequestError
					? caught
					: new Bitrix24RequestError('ambiguous', sender.host, 'batch', 'UNEXPECTED_ERROR', (caught as Error).message ?? String(caught));
			// A lost or broken request fails only its own commands; an answer that will not change
			// (no auth, exhausted rate limit) fails every command not sent yet as well.
			const failed = error.kind === 'ambiguous' ? request : requests.slice(requests.indexOf(request)).flat();
			for (const command of failed) {
				outcomes.set(command.key, { error: { code: error.code, description: error.description }, transportError: error });
			}
			if (error.kind === 'ambiguous') continue;
			break;
		}
		const body = section(answer.result);
		const results = section(body.result);
		const errors = section(body.result_error);
		const totals = section(body.result_total);
		const nexts = section(body.result_next);
		for (const command of request) {
			const outcome: CommandOutcome = {};
			if (command.key in errors) {
				const err = errors[command.key] as { error?: string; error_description?: string };
				outcome.error = { code: String(err?.error ?? ''), description: String(err?.error_description ?? '') };
			} else if (command.key in results) {
				outcome.result = results[command.key];
			} else {
				outcome.error = { code: 'NOT_EXECUTED', description: 'Bitrix24 did not run this command (the batch halted earlier)' };
			}
			if (command.key in totals) outcome.total = Number(totals[command.key]);
			if (command.key in nexts) outcome.next = Number(nexts[command.key]);
			outcomes.set(command.key, outcome);
		}
	}
	return outcomes;
}

import type { IDataObject } from 'n8n-workflow';

import type { BatchCommand, BatchSender, CommandOutcome } from './batch';
import { BATCH_LIMIT, runBatch } from './batch';
import { Bitrix24RequestError } from './errors';

export const PAGE_SIZE = 50;

export interface ListOptions {
	/** Stop after this many rows; undefined = all. */
	limit?: number;
}

function rowsOf(outcome: CommandOutcome | undefined, host: string, method: string): IDataObject[] {
	if (!outcome) return [];
	if (outcome.transportError) throw outcome.transportError;
	if (outcome.error) throw new Bitrix24RequestError('failed', host, method, outcome.error.code, outcome.error.description);
	const result = outcome.result;
	if (Array.isArray(result)) return result as IDataObject[];
	if (result && typeof result === 'object') {
		const wrapped = (result as IDataObject).items ?? (result as IDataObject).categories;
		if (Array.isArray(wrapped)) return wrapped as IDataObject[];
	}
	return [];
}

function ordersOnlyById(order: unknown): boolean {
	if (order === undefined || order === null) return true;
	if (typeof order !== 'object') return false;
	const entries = Object.entries(order as IDataObject);
	return entries.length === 0 || (entries.length === 1 && entries[0][0].toUpperCase() === 'ID' && String(entries[0][1]).toUpperCase() === 'ASC');
}

/**
 * Reads every row of a `*.list` method with the fewest requests: keyset pages (`start=-1`,
 * ordered by ID, filtered `>ID`) chained inside one batch by `$result[page][49][ID]`, so one
 * request brings up to 2,500 rows without the cost of counting. Pages after the first short
 * page are ignored (their reference did not resolve). With an order other than by ID, offset
 * pages are batched instead.
 */
export async function listAll(sender: BatchSender, method: string, params: IDataObject, options: ListOptions = {}): Promise<IDataObject[]> {
	if (!ordersOnlyById(params.order)) return await listByOffset(sender, method, params, options);
	const rows: IDataObject[] = [];
	const filter = { ...((params.filter as IDataObject) ?? {}) };
	let lastId = Number(filter['>ID'] ?? 0);
	delete filter['>ID'];
	const requested = params.select as string[] | undefined;
	const select = Array.isArray(requested) && requested.length > 0 && !requested.includes('ID') ? [...requested, 'ID'] : requested;
	for (let round = 0; ; round++) {
		const wanted = options.limit === undefined ? Infinity : options.limit - rows.length;
		if (wanted <= 0) break;
		const pages = Math.min(BATCH_LIMIT, Math.ceil(wanted / PAGE_SIZE));
		const commands: BatchCommand[] = [];
		for (let page = 0; page < pages; page++) {
			const key = `r${round}p${page}`;
			commands.push({
				key,
				method,
				params: {
					...params,
					select,
					order: { ID: 'ASC' },
					filter: { ...filter, '>ID': page === 0 ? lastId : `$result[r${round}p${page - 1}][${PAGE_SIZE - 1}][ID]` },
					start: -1,
				},
			});
		}
		const outcomes = await runBatch(sender, commands);
		let short = false;
		for (const command of commands) {
			const pageRows = rowsOf(outcomes.get(command.key), sender.host, method);
			rows.push(...pageRows);
			if (pageRows.length < PAGE_SIZE) {
				short = true;
				break;
			}
			lastId = Number(pageRows[pageRows.length - 1].ID);
		}
		if (short) break;
	}
	return options.limit === undefined ? rows : rows.slice(0, options.limit);
}

/** Offset paging for custom orders: the first page tells the total, the rest go 50 pages a request. */
async function listByOffset(sender: BatchSender, method: string, params: IDataObject, options: ListOptions): Promise<IDataObject[]> {
	const first = await runBatch(sender, [{ key: 'p0', method, params: { ...params, start: 0 } }]);
	const firstOutcome = first.get('p0');
	const rows = rowsOf(firstOutcome, sender.host, method);
	const total = Math.min(firstOutcome?.total ?? rows.length, options.limit ?? Infinity);
	const commands: BatchCommand[] = [];
	for (let start = PAGE_SIZE; start < total; start += PAGE_SIZE) {
		commands.push({ key: `p${start}`, method, params: { ...params, start } });
	}
	const outcomes = await runBatch(sender, commands);
	for (const command of commands) rows.push(...rowsOf(outcomes.get(command.key), sender.host, method));
	return options.limit === undefined ? rows : rows.slice(0, options.limit);
}

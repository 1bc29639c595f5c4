import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { parseJsonParameter } from '../crm/fields';
import { asNodeError, itemContext } from '../executor';
import type { CustomOperation } from '../types';
import { METHOD_NAME } from './call.operation';

const show = { resource: ['api'], operation: ['batch'] };

/** The user's own commands, sent as given (one request per item with Halt, packed otherwise). */
export const runUserBatch: CustomOperation = {
	kind: 'custom',
	description: [
		{
			displayName: 'Commands',
			name: 'commands',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Command',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Command',
					name: 'command',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '', description: 'Name of the result; later commands may use $result[key]' },
						{ displayName: 'Method', name: 'method', type: 'string', default: '', placeholder: 'crm.deal.get' },
						{ displayName: 'Parameters (JSON)', name: 'params', type: 'json', default: '{}', description: 'May contain $result[key][FIELD] references to earlier commands' },
					],
				},
			],
		},
		{ displayName: 'Halt on Error', name: 'halt', type: 'boolean', default: false, description: 'Whether to stop at the first failing command (all commands then travel in one request)', displayOptions: { show } },
	],
	async execute(client) {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			try {
				const item = itemContext(this, itemIndex);
				const rows = (item.param<IDataObject>('commands', {}).command as IDataObject[] | undefined) ?? [];
				if (rows.length === 0) throw new Error(`Item ${itemIndex}: field "Commands" is empty`);
				const commands = rows.map((row, index) => {
					const key = String(row.key || `cmd${index}`).trim();
					const method = String(row.method ?? '').trim();
					if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`Item ${itemIndex}: command ${index + 1} has an invalid "Key" ${JSON.stringify(key)} (letters, digits, _)`);
					if (!METHOD_NAME.test(method)) throw new Error(`Item ${itemIndex}: command ${index + 1} has an invalid "Method" ${JSON.stringify(method)}`);
					return { key, method, params: parseJsonParameter(row.params, `Commands > ${key} > Parameters (JSON)`, itemIndex) };
				});
				const outcomes = await client.batch(commands, { halt: item.param('halt', false) });
				const result: IDataObject = {};
				const errors: IDataObject = {};
				for (const [key, outcome] of outcomes) {
					if (outcome.transportError) throw client.wrap(outcome.transportError, itemIndex);
					if (outcome.error) errors[key] = { error: outcome.error.code, error_description: outcome.error.description };
					else result[key] = outcome.result as IDataObject;
				}
				output.push({ json: { result, errors }, pairedItem: { item: itemIndex } });
			} catch (caught) {
				const error = asNodeError(this, caught, itemIndex);
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
			}
		}
		return output;
	},
};

import type { IDataObject } from 'n8n-workflow';

import { parseJsonParameter } from '../crm/fields';
import type { BatchedOperation } from '../types';

const show = { resource: ['api'], operation: ['call'] };

export const METHOD_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i;

export const callMethod: BatchedOperation = {
	kind: 'batched',
	description: [
		{ displayName: 'Method', name: 'method', type: 'string', required: true, default: '', placeholder: 'crm.deal.fields', description: 'Any Bitrix24 REST method the incoming webhook may call', displayOptions: { show } },
		{ displayName: 'Parameters (JSON)', name: 'params', type: 'json', default: '{}', description: 'The method\'s parameters as a JSON object', displayOptions: { show } },
	],
	plan: (item) => {
		const method = String(item.param('method', '')).trim();
		if (!METHOD_NAME.test(method)) throw new Error(`Item ${item.itemIndex}: field "Method" is not a REST method name: ${JSON.stringify(method)}`);
		if (method === 'batch') throw new Error(`Item ${item.itemIndex}: field "Method": use the Batch operation for batch`);
		return [{ key: 'call', method, params: parseJsonParameter(item.param('params', '{}'), 'Parameters (JSON)', item.itemIndex) }];
	},
	read: (outcome) => {
		const result = outcome('call');
		const json: IDataObject = { result: result.result as IDataObject };
		if (result.total !== undefined) json.total = result.total;
		if (result.next !== undefined) json.next = result.next;
		return json;
	},
};

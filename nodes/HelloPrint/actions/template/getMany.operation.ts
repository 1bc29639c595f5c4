/** The guide's "Synchronise templates with the HelloPrint server": every template, one item each. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ExecutionScope } from '../common';
import { readListForItem, returnAllFields } from '../list/factory';

export const description = returnAllFields('template', 'getMany');

export async function runItem(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope) {
	return await readListForItem(this, itemIndex, scope, 'templates');
}

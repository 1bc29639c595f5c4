import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Template } from '../transport/contract';
import { HelloPrintError, toNodeApiError } from '../transport/errors';
import { connect } from '../transport';
import type { ExecutionScope, HelloPrintOperation } from './common';
import { runPerItem } from './common';
import * as endpoint from './endpoint';
import * as list from './list';
import * as order from './order';
import * as template from './template';

const resources: Record<string, Record<string, HelloPrintOperation>> = {
	endpoint: endpoint.operations,
	list: list.operations,
	order: order.operations,
	template: template.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	let scope: ExecutionScope;
	try {
		scope = { conn: await connect(this), templates: new Map<string, Promise<Template>>() };
	} catch (error) {
		throw error instanceof HelloPrintError ? toNodeApiError(this.getNode(), error) : new NodeOperationError(this.getNode(), error as Error);
	}
	return [await runPerItem(this, operation, scope)];
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getBitrix24Client } from '../transport';
import { apiOperations } from './api';
import { companyResource, contactResource, dealResource, leadResource } from './entityResources';
import { executeBatched } from './executor';
import { funnelOperations } from './funnel';
import { orderOperations } from './order';
import { productRowOperations } from './productRow';
import { stageOperations } from './stage';
import { timelineCommentOperations } from './timelineComment';
import type { Bitrix24Operation } from './types';

const operationsByResource: Record<string, Record<string, Bitrix24Operation>> = {
	api: apiOperations,
	company: companyResource.operations,
	contact: contactResource.operations,
	deal: dealResource.operations,
	funnel: funnelOperations,
	lead: leadResource.operations,
	order: orderOperations,
	productRow: productRowOperations,
	stage: stageOperations,
	timelineComment: timelineCommentOperations,
};

/** Every operation is either batched across all input items by the shared executor, or runs its own passes. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	const client = await getBitrix24Client(this);
	const output = operation.kind === 'batched' ? await executeBatched(this, client, operation) : await operation.execute.call(this, client);
	return [output];
}

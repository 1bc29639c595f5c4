import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';
import { asystemRequest } from '../../transport';

const show = { resource: ['anyEndpoint'], operation: ['call'] };

/** A raw call with the credential, for what the node does not cover. */
export const description: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		displayOptions: { show },
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '/api/',
		required: true,
		placeholder: '/api/templates',
		displayOptions: { show },
		description: 'The path after the Api Host, starting with /',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		displayOptions: { show },
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...show, method: ['PATCH', 'POST', 'PUT'] } },
	},
];

function jsonField(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): IDataObject | IDataObject[] | undefined {
	const raw = ctx.getNodeParameter(name, itemIndex, '{}') as unknown;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: Symbol.for('invalid') }) : raw;
	if (value === Symbol.for('invalid') || value === null || typeof value !== 'object') {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: field "${label}" is not a JSON object`, { itemIndex });
	}
	return value as IDataObject | IDataObject[];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const path = String(this.getNodeParameter('path', itemIndex, '')).trim();
	// The path is appended to the Api Host: it must not be able to point the key at another host.
	if (!path.startsWith('/') || path.startsWith('//') || /[\s\\]/.test(path)) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: field "Path" must start with a single / (e.g. /api/templates), got ${JSON.stringify(path)}`, {
			itemIndex,
		});
	}
	const qs = jsonField(this, 'query', 'Query Parameters (JSON)', itemIndex);
	if (Array.isArray(qs)) throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: field "Query Parameters (JSON)" must be an object`, { itemIndex });
	const body = ['PATCH', 'POST', 'PUT'].includes(method) ? jsonField(this, 'body', 'Body (JSON)', itemIndex) : undefined;
	const answer = await asystemRequest(this, {
		method,
		path,
		qs,
		body,
		// Reads and PUT/DELETE are idempotent; POST/PATCH are resent only when ASystem said it did not process them.
		retry: method === 'POST' || method === 'PATCH' ? 'notProcessed' : 'always',
		itemIndex,
	});
	if (answer !== null && typeof answer === 'object' && !Array.isArray(answer)) return answer as IDataObject;
	return { data: answer as IDataObject[keyof IDataObject] };
}

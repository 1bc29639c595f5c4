/** Any HelloPrint endpoint with the credential: for what the node has no operation for. */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { API_PREFIX, IDEMPOTENCY_HEADER } from '../../transport/contract';
import type { RetryMode } from '../../transport';
import { helloPrintRequest } from '../../transport';
import type { ExecutionScope } from '../common';
import { fieldFailure, showFor } from '../common';

export const description = showFor('endpoint', 'call', [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/request-orders/1001',
		description: 'The path after /api/v3 on the credential\'s Api Host (a leading /api/v3 is accepted too)',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		description: 'Query string parameters as a JSON object',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT'] } },
		description: 'The JSON body to send',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT', 'DELETE'] } },
		description: 'Sent as the Idempotency-Key header. With a key, a call whose answer was lost is sent again; without one, only calls HelloPrint refused (429, 503) are.',
	},
]);

function jsonObject(value: unknown, field: string, fail: (field: string, problem: string) => never): IDataObject | IDataObject[] {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch {
			return fail(field, 'is not valid JSON');
		}
	}
	if (!parsed || typeof parsed !== 'object') return fail(field, 'must be a JSON object');
	return parsed as IDataObject | IDataObject[];
}

export async function runItem(this: IExecuteFunctions, itemIndex: number, scope: ExecutionScope) {
	const fail = fieldFailure(this, itemIndex);
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	let path = String(this.getNodeParameter('path', itemIndex, '') ?? '').trim();
	if (!path) fail('Path', 'is empty');
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) fail('Path', 'must be a path on the credential\'s Api Host, not a full address');
	if (!path.startsWith('/')) path = `/${path}`;
	if (path.toLowerCase().startsWith(`${API_PREFIX}/`) || path.toLowerCase() === API_PREFIX) path = path.slice(API_PREFIX.length) || '/';
	const segments = path.split(/[/\\]/).map((segment) => segment.replace(/%2e/gi, '.'));
	if (segments.includes('..') || segments.includes('.')) fail('Path', 'must not contain "." or ".." segments');
	const qs = jsonObject(this.getNodeParameter('query', itemIndex, '{}'), 'Query Parameters', fail);
	if (Array.isArray(qs)) fail('Query Parameters', 'must be a JSON object, not a list');
	const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
	const body = hasBody ? jsonObject(this.getNodeParameter('body', itemIndex, '{}'), 'Body', fail) : undefined;
	const key = method === 'GET' ? '' : String(this.getNodeParameter('idempotencyKey', itemIndex, '') ?? '').trim();
	const retry: RetryMode = method === 'GET' ? 'read' : key ? 'keyed' : 'write';
	const answer = await helloPrintRequest(this, scope.conn, {
		method,
		path,
		qs: qs as IDataObject,
		body,
		headers: key ? { [IDEMPOTENCY_HEADER]: key } : undefined,
		retry,
	});
	const result = answer.body;
	if (result && typeof result === 'object' && !Array.isArray(result)) return result as IDataObject;
	return { statusCode: answer.statusCode, body: (result ?? null) as IDataObject };
}

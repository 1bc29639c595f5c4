import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { runNode } from '../helpers/engine';

/** Proves the harness itself: items flow in, HTTP goes out through n8n's helpers, errors come back. */
class EchoOverHttp implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Echo',
		name: 'echo',
		group: ['transform'],
		version: 1,
		description: 'test',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			if (items[i].json.bad) throw new NodeOperationError(this.getNode(), 'bad item', { itemIndex: i });
			const body = await this.helpers.httpRequest({ method: 'POST', url: this.getNodeParameter('url', i) as string, body: items[i].json, json: true });
			out.push({ json: body, pairedItem: { item: i } });
		}
		return [out];
	}
}

describe('engine harness', () => {
	const server = createServer((req, res) => {
		let data = '';
		req.on('data', (c) => (data += c));
		req.on('end', () => {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ got: JSON.parse(data || '{}') }));
		});
	});
	let url = '';
	beforeAll(async () => {
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	});
	afterAll(() => server.close());

	it('runs a node over real HTTP and pairs items', async () => {
		const result = await runNode({ node: new EchoOverHttp(), parameters: { url }, items: [{ a: 1 }, { a: 2 }] });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ got: { a: 1 } }, { got: { a: 2 } }]);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('surfaces a node error', async () => {
		const result = await runNode({ node: new EchoOverHttp(), parameters: { url }, items: [{ bad: true }] });
		expect(result.error?.message).toBe('bad item');
	});
});

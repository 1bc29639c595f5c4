/**
 * Every workflow shipped in workflows-examples/ imports unchanged into a real n8n with this package
 * (node types as users get them: n8n-nodes-pixlpark-erp.<name>), and every node type and version it
 * uses is one this n8n knows. Running them is tested per workflow elsewhere.
 */
import { exampleWorkflows } from '../fakes/sandbox';
import { startN8n, type N8nInstance } from './n8n';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const examples = exampleWorkflows(process.env.E2E_EXAMPLES_DIR);
let n8n: N8nInstance;
let known: Map<string, number[]>;

beforeAll(async () => {
	if (!examples.length) return;
	n8n = await startN8n();
	const types = (await (await n8n.fetch('/types/nodes.json')).json()) as Json[];
	known = new Map();
	for (const t of types) known.set(t.name, [...(known.get(t.name) ?? []), ...(Array.isArray(t.version) ? t.version : [t.version])]);
});

afterAll(async () => {
	await n8n?.stop();
});

if (!examples.length) {
	test.skip('no workflows in workflows-examples/ yet', () => undefined);
}

for (const { file, json: workflow } of examples) describe(file, () => {
	test('uses only node types and versions this n8n has', () => {
		const unknown = (workflow.nodes as Json[])
			.filter((node) => !(known.get(node.type) ?? []).includes(node.typeVersion))
			.map((node) => `${node.name}: ${node.type} v${node.typeVersion}`);
		expect(unknown).toEqual([]);
	});

	test('uses the package name in its node types, never CUSTOM.', () => {
		expect(JSON.stringify(workflow)).not.toContain('"CUSTOM.');
	});

	test('imports and reads back with all its nodes', async () => {
		const id = await n8n.importWorkflow(workflow);
		const stored = await n8n.rest('GET', `/workflows/${id}`);
		expect(stored.nodes.map((n: Json) => n.name).sort()).toEqual((workflow.nodes as Json[]).map((n) => n.name).sort());
		expect(file).toMatch(/\.json$/);
	});
});

/**
 * The bad-input corpus against every operation that takes an Order item: Bitrix24 Export and
 * Send Company, ASystem Send, HelloPrint Send, 1C Build CommerceML. Continue on Fail on, a good
 * item after each corpus item: every bad item gets an error item naming "Item N" and the field,
 * every good (and valid-Unicode) item reaches the fake, nothing throws out of the node, and
 * Object.prototype stays clean. Off Continue on Fail the first bad item fails the node with a
 * NodeOperationError naming it.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ASystemApi } from '../../credentials/ASystemApi.credentials';
import { HelloPrintApi } from '../../credentials/HelloPrintApi.credentials';
import { ASystem } from '../../nodes/ASystem/ASystem.node';
import { HelloPrint } from '../../nodes/HelloPrint/HelloPrint.node';
import { OneCPolygraphy } from '../../nodes/OneCPolygraphy/OneCPolygraphy.node';
import { startPortal } from '../bitrix24/harness';
import { startFakeASystem } from '../fakes/asystem';
import { startFakeHelloPrint } from '../fakes/helloprint';
import { SEND_PARAMETERS } from '../helloprint/fixtures';
import { runNode, type RunNodeResult } from '../helpers/engine';
import { problems, type Slot } from './check';
import { goodOrder, ORDER_CASES, pollution, type Expectation } from './corpus';

interface Target {
	name: string;
	/** Company orders only (Send Company). */
	company?: boolean;
	/** Adds what the target needs to a good order (template options), to every item of the run. */
	prepare?: (order: IDataObject) => void;
	/** Where the target reads an item differently from readOrder: another expectation or field per case name. */
	overrides?: Record<string, { expect?: Expectation; field?: string }>;
	/** More problems to look for in a Continue-on-Fail run's output. */
	validate?: (result: RunNodeResult) => string[];
	start(): Promise<{ run(items: IDataObject[], continueOnFail: boolean): Promise<RunNodeResult>; state(result: RunNodeResult): string; close(): Promise<void> }>;
}

const EXPORT = {
	resource: 'order',
	operation: 'export',
	funnelId: '1',
	statusMap: { mapping: [{ status: 'NotProcessed', stageId: 'C1:NEW' }] },
	orderTypes: 'all',
	newClientsAsLeads: false,
	exportOptions: { sourceId: 'WEB', responsibleId: '7' },
};

const outputText = (result: RunNodeResult) =>
	JSON.stringify(result.outputs.flat().map((i: INodeExecutionData) => [i.json, Object.values(i.binary ?? {}).map((b) => Buffer.from(b.data, 'base64').toString('utf8'))]));

const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Appends sku options to the first line when the item has a normal one. */
function withOptions(options: IDataObject[]) {
	return (order: IDataObject) => {
		const line = Array.isArray(order.items) ? (order.items as unknown[])[0] : undefined;
		if (line && typeof line === 'object' && !Array.isArray(line) && Array.isArray((line as IDataObject).sku)) ((line as IDataObject).sku as IDataObject[]).push(...options);
	};
}

const TARGETS: Target[] = [
	{
		name: 'Bitrix24 Order -> Export',
		start: async () => {
			const portal = await startPortal();
			return {
				run: (items, continueOnFail) => portal.run(EXPORT, items, { continueOnFail }),
				state: () => JSON.stringify([...portal.fake.db.deals.values()]),
				close: () => portal.fake.close(),
			};
		},
	},
	{
		name: 'Bitrix24 Order -> Send Company',
		company: true,
		// Send Company needs no order id or date (it makes them up), and makes any customer a company:
		// a missing or non-object customer then lacks the company's name.
		overrides: {
			'id missing': { expect: 'ok' },
			'createdAt missing': { expect: 'ok' },
			'customer missing': { field: 'customer.companyName' },
			'customer is a string': { field: 'customer.companyName' },
			'customer is an array': { field: 'customer.companyName' },
		},
		start: async () => {
			const portal = await startPortal();
			return {
				run: (items, continueOnFail) => portal.run({ resource: 'company', operation: 'sendToBitrix24' }, items, { continueOnFail }),
				state: () => JSON.stringify([...portal.fake.db.companies.values()]),
				close: () => portal.fake.close(),
			};
		},
	},
	{
		name: 'ASystem Order -> Send',
		prepare: withOptions([
			{ name: 'Вид оплаты', value: 'Онлайн-оплата' },
			{ name: 'Тип доставки', value: 'Курьер' },
			{ name: 'Тираж', value: '1000' },
		]),
		start: async () => {
			const fake = await startFakeASystem();
			return {
				run: (items, continueOnFail) =>
					runNode({ node: new ASystem(), parameters: { resource: 'order', operation: 'send', templateId: '101' }, items, credentialTypes: [new ASystemApi()], credentials: { aSystemApi: { apiHost: fake.url, apiKey: fake.apiKey, ignoreSslIssues: false } }, continueOnFail }),
				state: () => JSON.stringify(fake.orders),
				close: () => fake.close(),
			};
		},
	},
	{
		name: 'HelloPrint Order -> Send',
		prepare: withOptions([{ name: 'Высота, м', value: '1' }]),
		start: async () => {
			const fake = await startFakeHelloPrint();
			return {
				run: (items, continueOnFail) => runNode({ node: new HelloPrint(), parameters: SEND_PARAMETERS, items, credentialTypes: [new HelloPrintApi()], credentials: { helloPrintApi: { ...fake.credentials } }, continueOnFail }),
				state: () => JSON.stringify(fake.requestOrders),
				close: () => fake.close(),
			};
		},
	},
	{
		name: '1C Polygraphy Order -> Build CommerceML',
		// Whatever text came in (NUL, control characters, lone surrogates), every file is well-formed XML.
		validate: (result) => wellFormedFiles(result),
		start: async () => ({
			run: (items, continueOnFail) =>
				runNode({ node: new OneCPolygraphy(), parameters: { resource: 'order', operation: 'build', output: 'perOrder', binaryPropertyName: 'data', fileEncoding: 'utf-8' }, items, continueOnFail }),
			state: outputText,
			close: async () => {},
		}),
	},
	{
		name: '1C Polygraphy Order -> Answer 1C Exchange Query',
		// One answer file for all good orders: well-formed XML whatever the bad ones held.
		validate: (result) => wellFormedFiles(result),
		start: async () => ({
			run: (items, continueOnFail) =>
				runNode({ node: new OneCPolygraphy(), parameters: { resource: 'order', operation: 'answerExchangeQuery', session: 'bad-input-session', binaryPropertyName: 'data', fileEncoding: 'utf-8' }, items, continueOnFail, staticData: {} }),
			state: outputText,
			close: async () => {},
		}),
	},
];

function wellFormedFiles(result: RunNodeResult): string[] {
	return (

			result.outputs[0]
				.filter((item) => item.binary?.data)
				.flatMap((item) => {
					const text = Buffer.from(item.binary!.data.data, 'base64').toString('utf8');
					const valid = XMLValidator.validate(text);
					const where = `item ${JSON.stringify(item.pairedItem)}`;
					if (valid !== true) return [`${where}: not well-formed XML: ${valid.err.msg}`];
					// XML 1.0 allows no C0 controls but tab, CR, LF; U+FFFD marks what was replaced.
					return NOT_XML_CHAR.test(text) ? [`${where}: a character XML 1.0 does not allow: ${JSON.stringify(NOT_XML_CHAR.exec(text)![0])}`] : [];
				})
	);
}

describe.each(TARGETS)('bad-input corpus: $name', (target) => {
	let env: Awaited<ReturnType<Target['start']>>;
	beforeAll(async () => {
		env = await target.start();
	});
	afterAll(async () => await env.close());
	afterEach(() => expect(pollution()).toEqual([]));

	it('Continue on Fail: each bad item an error naming the item and field, every good item through', async () => {
		const items: IDataObject[] = [];
		const slots: Slot[] = [];
		let result: RunNodeResult | undefined;
		let state = '';
		const arrived = (marker: string) => () => state.includes(marker);
		ORDER_CASES.forEach((c, i) => {
			const badMarker = `BAD${i}X`;
			const goodMarker = `GOOD${i}X`;
			items.push(c.order(badMarker, target.company), goodOrder(goodMarker, target.company));
			items.slice(-2).forEach((order) => target.prepare?.(order));
			const override = target.overrides?.[c.name] ?? {};
			slots.push(
				{ index: 2 * i, name: c.name, expect: override.expect ?? c.expect, field: override.field ?? c.field, arrived: arrived(badMarker) },
				{ index: 2 * i + 1, name: `good after "${c.name}"`, expect: 'good', arrived: arrived(goodMarker) },
			);
		});
		result = await env.run(items, true);
		state = env.state(result);
		expect([...problems(result, slots), ...(target.validate?.(result) ?? [])]).toEqual([]);
	});

	it('Continue on Fail off: the first bad item fails the node naming the item', async () => {
		const firstBad = ORDER_CASES.findIndex((c) => c.expect === 'error' && !target.overrides?.[c.name]);
		const c = ORDER_CASES[firstBad];
		const items = [goodOrder('FIRSTGOODX', target.company), c.order('OFFX', target.company)];
		items.forEach((order) => target.prepare?.(order));
		const result = await env.run(items, false);
		expect(result.error).toBeDefined();
		// The engine keeps the error as data: its name tells the class.
		expect(['NodeOperationError', 'NodeApiError']).toContain(result.error!.name);
		expect(result.error!.message).toMatch(/^Item 1\b/);
		expect(result.error!.message).toContain(c.field!);
	});
});

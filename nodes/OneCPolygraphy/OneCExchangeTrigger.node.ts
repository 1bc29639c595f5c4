/* eslint-disable n8n-nodes-base/node-dirname-against-convention -- package.json places both 1C nodes in nodes/OneCPolygraphy/ */
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { redactSecrets } from '../shared/redact';
import type { ExchangeCredentials } from './helpers/exchange';
import { basicAuthValid, confirmSession, COOKIE_NAME, cookieFromHeader, issueCookie, readLedger, saveLedger, verifyCookie } from './helpers/exchange';
import { decodeXmlUpload, parseUploadedDocuments } from './helpers/protocol';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

type RawRequest = {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	body?: unknown;
	on?: (event: string, listener: (chunk?: Buffer) => void) => unknown;
};

async function rawBodyOf(req: RawRequest): Promise<Buffer> {
	if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
	if (req.rawBody) return req.rawBody;
	if (Buffer.isBuffer(req.body)) return req.body;
	if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
	return Buffer.alloc(0);
}

/**
 * 1C's standard site exchange for orders (`type=sale`), pulled by 1C on its own schedule:
 * checkauth -> init -> query (orders as CommerceML) -> success; and file (1C's changes).
 * checkauth/init/success are answered here directly; query and file start the workflow.
 */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete -- 1C is configured by hand with this URL; there is no remote webhook to register
export class OneCExchangeTrigger implements INodeType {
	methods = {
		credentialTest: {
			/** 1C calls n8n, so there is nothing to call: check that the credential is usable. */
			async checkExchangeCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const data = credential.data ?? {};
				if (!String(data.login ?? '').trim()) return { status: 'Error', message: 'Enter the login that 1C uses for the exchange' };
				if (String(data.password ?? '').length < 8) return { status: 'Error', message: 'Use a password of at least 8 characters' };
				return { status: 'OK', message: 'Login and password are set; enter the same in 1C' };
			},
		},
	};

	description: INodeTypeDescription = {
		displayName: '1C Exchange Trigger',
		name: 'oneCExchangeTrigger',
		icon: { light: 'file:onec.svg', dark: 'file:onec.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Site exchange (CommerceML)',
		description: 'Lets 1C take web orders from n8n through its standard site exchange (CommerceML, type=sale)',
		defaults: { name: '1C Exchange Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Orders Requested', 'Changes From 1C'],
		credentials: [{ name: 'oneCExchangeApi', required: true, testedBy: 'checkExchangeCredential' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'GET',
				// The query's answer is the last node's first binary (the 1C Polygraphy "Answer 1C Exchange Query" file);
				// n8n sends it only after the execution has finished and saved the workflow's static data.
				responseMode: 'lastNode',
				responseData: 'firstEntryBinary',
				responseBinaryPropertyName: 'data',
				path: 'exchange',
			},
			{
				name: 'default',
				httpMethod: 'POST',
				// mode=file: once the execution is started (and stored), n8n answers this text, which 1C reads as accepted.
				responseMode: 'onReceived',
				responseData: 'success',
				path: 'exchange',
			},
		],
		properties: [
			{
				displayName:
					'In 1C set the site address to this node\'s production URL (without ?type=...), and the login and password of the credential. Connect "Orders Requested" to the orders source and end it with 1C Polygraphy -> "Answer 1C Exchange Query".',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'File Size Limit (Bytes)',
						name: 'fileLimit',
						type: 'number',
						typeOptions: { minValue: 1024 },
						default: 10485760,
						description: 'The largest file 1C may send in one request (answered to mode=init)',
					},
					{
						displayName: 'Forget Delivered Orders After (Days)',
						name: 'keepDays',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 90,
						description: 'Delivered orders are remembered this long; the orders source should not return older orders',
					},
				],
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as IDataObject;
		const req = this.getRequestObject() as unknown as RawRequest;
		const type = String(query.type ?? '');
		const mode = String(query.mode ?? '');
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const raw = await this.getCredentials('oneCExchangeApi');
		const credentials: ExchangeCredentials = { login: String(raw.login ?? ''), password: String(raw.password ?? '') };
		const now = Date.now();
		const answer = (text: string): IWebhookResponseData => ({ webhookResponse: redactSecrets(text, [credentials.password]) });

		if (type !== 'sale') return answer(`failure\nonly type=sale (orders) is served here, got type=${type.slice(0, 40)}`);
		const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
		if (mode === 'checkauth') {
			if (!basicAuthValid(authorization, credentials)) {
				const res = this.getResponseObject();
				res.status(401).setHeader('WWW-Authenticate', 'Basic realm="1C exchange"');
				res.send('failure\nwrong login or password');
				return { noWebhookResponse: true };
			}
			const cookie = issueCookie(credentials, now);
			return answer(`success\n${COOKIE_NAME}\n${cookie.value}`);
		}
		// Later steps carry the cookie; some 1C versions also repeat Basic auth (then a session is derived from it).
		const session = verifyCookie(credentials, cookieFromHeader(req.headers.cookie), now);
		if (!session && !basicAuthValid(authorization, credentials)) return answer('failure\nnot authorized: call mode=checkauth first');
		const sessionId = session ?? 'basic-auth';

		switch (mode) {
			case 'init': {
				const limit = Math.max(1024, Math.floor(Number(options.fileLimit ?? 10485760)));
				return answer(`zip=no\nfile_limit=${limit}`);
			}
			case 'query':
				return {
					workflowData: [[{ json: { mode: 'query', session: sessionId, requestedAt: new Date(now).toISOString(), version: String(query.version ?? '') } }], []],
				};
			case 'success': {
				const staticData = this.getWorkflowStaticData('global');
				const ledger = readLedger(staticData);
				confirmSession(ledger, sessionId, Math.floor(now / 1000), Math.max(1, Number(options.keepDays ?? 90)));
				saveLedger(staticData, ledger);
				return answer('success');
			}
			case 'file': {
				const body = await rawBodyOf(req);
				if (body.length === 0) return answer('failure\nempty file');
				if (body.length > MAX_UPLOAD_BYTES) return answer('failure\nfile too large');
				const fileName = String(query.filename ?? 'from-1c.xml').replace(/[^\w.-]+/g, '_').slice(0, 100);
				let documents;
				try {
					documents = parseUploadedDocuments(decodeXmlUpload(body));
				} catch (error) {
					return answer(`failure\n${fileName}: ${(error as Error).message}`);
				}
				const binary = await this.helpers.prepareBinaryData(body, fileName, 'application/xml');
				const items = documents.map((doc) => ({
					json: { mode: 'file', session: sessionId, fileName, ...doc } as unknown as IDataObject,
					binary: { data: binary },
				}));
				return { webhookResponse: 'success', workflowData: [[], items.length ? items : [{ json: { mode: 'file', session: sessionId, fileName, documents: 0 }, binary: { data: binary } }]] };
			}
			default:
				return answer(`failure\nunknown mode ${mode.slice(0, 40)}`);
		}
	}
}

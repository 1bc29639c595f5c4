import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	IAuthenticateGeneric,
	Icon,
} from 'n8n-workflow';

const DEFAULT_URL = 'https://api.pixlpark.com';

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.apiUrl || DEFAULT_URL).trim().replace(/\/+$/, '');
}

/** Keeps keys and tokens out of a message that may be shown or logged. */
function clean(text: unknown, secrets: unknown[]): string {
	let result = String(text ?? '').slice(0, 300);
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result.replace(/(oauth_token|password|username)=[^&\s"']+/gi, '$1=***');
}

async function getJson(helper: IHttpRequestHelper, url: string, qs: IDataObject, what: string, secrets: unknown[]): Promise<IDataObject> {
	try {
		const answer = (await helper.helpers.httpRequest({ method: 'GET', url, qs, json: true })) as unknown;
		if (answer === null || typeof answer !== 'object') throw new Error('the answer is not JSON');
		return answer as IDataObject;
	} catch (error) {
		const status = (error as { response?: { status?: number } }).response?.status;
		const reason = status ? `HTTP ${status}` : clean((error as Error).message, secrets);
		throw new Error(`Pixlpark: could not get ${what} from ${clean(url, secrets)} (${reason}); check the API URL`);
	}
}

/**
 * The keys a Pixlpark shop gets when it turns the API on in its panel
 * (Settings -> API). The node trades them for an access token (request token, then
 * access token with sha1(requestToken + privateKey)), keeps the token in a hidden
 * expirable field and renews it whenever Pixlpark refuses it.
 */
export class PixlparkApi implements ICredentialType {
	name = 'pixlparkApi';

	displayName = 'Pixlpark API';

	icon: Icon = { light: 'file:../nodes/Pixlpark/pixlpark.svg', dark: 'file:../nodes/Pixlpark/pixlpark.dark.svg' };

	documentationUrl = 'https://github.com/Pixlpark/pixlpark-docs';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: DEFAULT_URL,
			required: true,
			description: 'The address of the Pixlpark API, without a trailing slash',
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The public key shown in the Pixlpark panel when the API is turned on for the shop',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The private key shown next to the public key; it never leaves n8n (only a SHA-1 hash of it is sent)',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A long random text the Pixlpark Trigger requires in every webhook call (?secret=... in the URL you give Pixlpark, or a header); kept encrypted with this credential',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const base = baseUrlOf(credentials);
		const privateKey = String(credentials.privateKey ?? '');
		const publicKey = String(credentials.publicKey ?? '');
		const secrets = [privateKey, credentials.accessToken];
		const request = await getJson(this, `${base}/oauth/requesttoken`, {}, 'a request token', secrets);
		const requestToken = request.RequestToken;
		if (request.Success === false || typeof requestToken !== 'string' || requestToken === '') {
			throw new Error(`Pixlpark refused to issue a request token: ${clean(request.Error ?? 'no reason given', secrets)}`);
		}
		const password = createHash('sha1').update(requestToken + privateKey).digest('hex');
		const access = await getJson(
			this,
			`${base}/oauth/accesstoken`,
			{ oauth_token: requestToken, grant_type: 'api', username: publicKey, password },
			'an access token',
			[...secrets, password, requestToken],
		);
		if (access.Success === false || typeof access.AccessToken !== 'string' || access.AccessToken === '') {
			const reason = clean(access.Error ?? 'no reason given', [...secrets, password, requestToken]);
			throw new Error(`Pixlpark refused the API keys (${reason}): check the Public Key and the Private Key in the Pixlpark panel (Settings -> API)`);
		}
		return { accessToken: access.AccessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: { oauth_token: '={{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/orders/count',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'ResponseCode', value: 401, message: 'Pixlpark refused the access token: check the Public Key and the Private Key' },
			},
		],
	};
}

import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { API_KEY_HEADER, CREDENTIAL_TEST_PATH, DEFAULT_PORT } from '../nodes/ASystem/transport/contract';

/**
 * The two fields of the integration guide ("Api Host", "Api Key"). The key travels in the header
 * the contract names (nodes/ASystem/transport/contract.ts), added by `authenticate` below.
 */
export class ASystemApi implements ICredentialType {
	name = 'aSystemApi';

	displayName = 'ASystem API';

	icon: Icon = { light: 'file:../nodes/ASystem/asystem.svg', dark: 'file:../nodes/ASystem/asystem.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pixlpark-erp#asystem--printeffect';

	properties: INodeProperties[] = [
		{
			displayName: 'Api Host',
			name: 'apiHost',
			type: 'string',
			default: '',
			placeholder: 'https://192.168.1.10:3000',
			required: true,
			description: `Address of the ASystem server with its port, as https://IP-address:port. Port ${DEFAULT_PORT} is used when none is given; https:// when no scheme is given.`,
		},
		{
			displayName: 'Api Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key set up for authorisation on the ASystem server',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated (ASystem servers addressed by IP often use a self-signed certificate)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { [API_KEY_HEADER]: '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// The same normalisation as the transport's normalizeApiHost: https:// and port 3000 when missing.
			baseURL: `={{(h => (/:\\/\\//.test(h) ? h : "https://" + h).replace(/^([a-z][a-z0-9+.-]*:\\/\\/(?:[^/?#@]*@)?(?:\\[[^\\]]*\\]|[^/?#:\\[\\]]+))(?=$|[/?#])/i, "$1:${DEFAULT_PORT}"))(String($credentials.apiHost).trim().replace(/\\/+$/, ""))}}`,
			url: CREDENTIAL_TEST_PATH,
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'ASystem refused the Api Key: check the key set up on the ASystem server' } },
			{ type: 'responseCode', properties: { value: 403, message: 'The Api Key has no access to ASystem identifiers' } },
			{ type: 'responseCode', properties: { value: 404, message: 'No ASystem API at this Api Host: check the address and the port (3000 by default)' } },
		],
	};
}

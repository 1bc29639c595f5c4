import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The two fields the integration guide has the shop fill in Pixlpark
 * ("Orders -> Settings -> Order export -> ERP and CRM systems -> HelloPrint"):
 * "Api Host", the address HelloPrint issued for the integration, and "Api Key", the token.
 * The key travels only as `Authorization: Bearer <key>`, added by n8n from `authenticate`.
 */
export class HelloPrintApi implements ICredentialType {
	name = 'helloPrintApi';

	displayName = 'HelloPrint API';

	icon: Icon = { light: 'file:../nodes/HelloPrint/helloprint.svg', dark: 'file:../nodes/HelloPrint/helloprint.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pixlpark-erp#helloprint';

	properties: INodeProperties[] = [
		{
			displayName: 'Api Host',
			name: 'apiHost',
			type: 'string',
			default: '',
			placeholder: 'https://yourshop.helloprint.ru',
			required: true,
			description: 'The address HelloPrint issued for the integration (https:// is added when missing; without /api/v3)',
		},
		{
			displayName: 'Api Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token HelloPrint issued for the integration; sent as a Bearer token',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ (/^https?:\\/\\//i.test($credentials.apiHost.trim()) ? "" : "https://") + $credentials.apiHost.trim().replace(/\\/+$/, "").replace(/\\/api\\/v3$/i, "") }}/api/v3',
			url: '/managers',
			method: 'GET',
			qs: { page: 1, per_page: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'HelloPrint refused the API key: check "Api Key"' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'HelloPrint accepted the API key but it may not read managers: ask HelloPrint to extend its rights' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No HelloPrint API v3 at this address: check "Api Host" (the address issued for the integration)' },
			},
		],
	};
}

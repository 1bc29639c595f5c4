import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The fields the integration guide has the shop copy from Bitrix24
 * (Applications -> Developers -> Other -> Incoming / Outgoing webhook).
 * The incoming webhook code lives in the URL path, so requests are signed by the
 * Bitrix24 transport, which builds the URL and keeps the code out of every message.
 */
export class Bitrix24WebhookApi implements ICredentialType {
	name = 'bitrix24WebhookApi';

	displayName = 'Bitrix24 Webhook API';

	icon: Icon = { light: 'file:../nodes/Bitrix24/bitrix24.svg', dark: 'file:../nodes/Bitrix24/bitrix24.dark.svg' };

	documentationUrl = 'https://apidocs.bitrix24.com/local-integrations/local-webhooks.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Portal URL',
			name: 'portalUrl',
			type: 'string',
			default: '',
			placeholder: 'https://company.bitrix24.ru',
			required: true,
			description: 'The address of your Bitrix24, without /rest/ and without a trailing slash',
		},
		{
			displayName: 'ID of the Employee Who Created the Webhooks',
			name: 'userId',
			type: 'string',
			default: '1',
			required: true,
			description: 'The number after /rest/ in the incoming webhook URL (https://company.bitrix24.ru/rest/<b>1</b>/code/)',
		},
		{
			displayName: 'Incoming Webhook Code',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret part of the incoming webhook URL, after the employee ID (rights: CRM, method: batch)',
		},
		{
			displayName: 'Outgoing Webhook Application Token',
			name: 'applicationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The "application token" shown for the outgoing webhook; the Bitrix24 Trigger rejects calls without it',
		},
		{
			displayName: 'Plan Rate Limit',
			name: 'rateLimit',
			type: 'options',
			default: 'standard',
			options: [
				{ name: 'Custom', value: 'custom' },
				{ name: 'Enterprise (5 Requests/s, Burst 250)', value: 'enterprise' },
				{ name: 'Standard (2 Requests/s, Burst 50)', value: 'standard' },
			],
			description: 'The request limit of your Bitrix24 plan; requests are paced to stay under it',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			default: 2,
			displayOptions: { show: { rateLimit: ['custom'] } },
			description: 'How fast the portal drains its request bucket; lower it when other apps share the portal',
		},
		{
			displayName: 'Burst',
			name: 'burst',
			type: 'number',
			default: 50,
			displayOptions: { show: { rateLimit: ['custom'] } },
			description: 'How many requests the portal accepts at once before it starts refusing',
		},
		{
			displayName: 'n8n Processes Sharing the Limit',
			name: 'processes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'In queue mode, the number of n8n workers that call this portal: each paces itself at its share of the plan\'s rate, so together they stay under it',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.portalUrl.replace(/\\/+$/, "")}}/rest/{{$credentials.userId}}/{{$credentials.webhookSecret}}',
			url: '/crm.deal.fields.json',
			method: 'POST',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Bitrix24 refused the webhook (NO_AUTH_FOUND): check the employee ID and the incoming webhook code' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The incoming webhook has no CRM right: edit it in Bitrix24 and tick "CRM" under rights' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Bitrix24 REST API at this portal URL: check the address (https://company.bitrix24.ru)' },
			},
		],
	};
}

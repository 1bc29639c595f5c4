import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The login and password that 1C uses for the site exchange (1C: "Обмен с сайтом" -> the
 * exchange node's user and password). The 1C Exchange Trigger checks 1C's Basic auth against
 * them; n8n never sends them anywhere.
 */
export class OneCExchangeApi implements ICredentialType {
	name = 'oneCExchangeApi';

	displayName = '1C Exchange API';

	icon: Icon = { light: 'file:../nodes/OneCPolygraphy/onec.svg', dark: 'file:../nodes/OneCPolygraphy/onec.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pixlpark-erp#1cpolygraphy';

	properties: INodeProperties[] = [
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			required: true,
			description: 'The user name entered in 1C for the site exchange',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password entered in 1C for the site exchange',
		},
	];
}

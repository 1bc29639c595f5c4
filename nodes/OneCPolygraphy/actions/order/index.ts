import type { INodeProperties } from 'n8n-workflow';
import * as answerExchangeQuery from './answerQuery.operation';
import * as build from './build.operation';

export { answerExchangeQuery, build };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Answer 1C Exchange Query',
				value: 'answerExchangeQuery',
				action: 'Answer a 1C exchange query',
				description: 'Hand the orders not yet delivered to 1C as CommerceML, after a 1C Exchange Trigger',
			},
			{ name: 'Build CommerceML File', value: 'build', action: 'Build a commerce ml file', description: 'CommerceML 2 orders document (XML) for import into 1C' },
		],
		default: 'build',
	},
	...build.description,
	...answerExchangeQuery.description,
];

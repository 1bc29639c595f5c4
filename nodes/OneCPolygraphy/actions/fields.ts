import type { INodeProperties } from 'n8n-workflow';

/** Fields several operations show; each operation sets its own displayOptions. */
export function templateParseOptions(show: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Template Options',
		name: 'templateOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Columns to Ignore',
				name: 'ignoreColumns',
				type: 'string',
				default: '',
				description: 'Comma-separated headers of columns that are neither parameters nor price (e.g. an article code)',
			},
			{
				displayName: 'Encoding',
				name: 'encoding',
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Detect', value: 'auto', description: 'UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1251' },
					{ name: 'UTF-8', value: 'utf-8' },
					{ name: 'Windows-1251', value: 'windows-1251' },
				],
			},
			{
				displayName: 'Price Column',
				name: 'priceColumn',
				type: 'string',
				default: '',
				description: 'Header of the price column; empty: the first header starting with "Цена", "Стоимость" or "Price"',
			},
			{
				displayName: 'Quantity Column',
				name: 'quantityColumn',
				type: 'string',
				default: '',
				description: 'Header of the run / quantity column; empty: the first header starting with "Тираж", "Количество" or "Quantity" (if any). Write "-" for none.',
			},
			{
				displayName: 'Separator',
				name: 'separator',
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Comma', value: ',' },
					{ name: 'Detect', value: 'auto', description: 'The most frequent of ; , and tab in the header line' },
					{ name: 'Semicolon', value: ';' },
					{ name: 'Tab', value: '\t' },
				],
			},
		],
	};
}

export function priceMeansField(show: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Price in Template Is',
		name: 'priceMeans',
		type: 'options',
		default: 'run',
		displayOptions: show,
		options: [
			{ name: 'For One Piece', value: 'unit' },
			{ name: 'For the Whole Run', value: 'run', description: 'Unit price = price / run (only for templates with a run column)' },
		],
		description: 'For templates with a run column: what the price in a row stands for. Without runs the price is per piece.',
	};
}

export function templateSourceFields(show: INodeProperties['displayOptions'], prefix = ''): INodeProperties[] {
	const sourceShow = (source: string): INodeProperties['displayOptions'] => ({ ...show, show: { ...(show?.show ?? {}), [`${prefix}templateSource`]: [source] } });
	return [
		{
			displayName: 'Template Source',
			name: `${prefix}templateSource`,
			type: 'options',
			default: 'binary',
			displayOptions: show,
			options: [
				{ name: 'File in a Binary Property', value: 'binary', description: 'The template CSV file from 1C:Polygraphy' },
				{ name: 'JSON From "Parse Template"', value: 'json', description: 'The output of the Parse Template operation (with rows)' },
			],
		},
		{
			displayName: 'Template Binary Property',
			name: `${prefix}templateBinaryProperty`,
			type: 'string',
			default: 'data',
			displayOptions: sourceShow('binary'),
			description: 'Name of the binary property holding the template CSV file',
		},
		{
			displayName: 'Template Field',
			name: `${prefix}templateField`,
			type: 'string',
			default: 'template',
			displayOptions: sourceShow('json'),
			description: 'Name of the JSON field holding the parsed template (dots for nested fields)',
		},
	];
}

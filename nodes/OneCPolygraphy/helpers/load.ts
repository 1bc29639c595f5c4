import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ParseTemplateOptions, Template } from './template';
import { asTemplate, parseTemplate, TemplateError } from './template';

/** Any error as a NodeOperationError for the item (n8n errors pass through unchanged). */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Error for an item, naming it; a TemplateError's line number goes into the description. */
export function itemError(ctx: IExecuteFunctions, itemIndex: number, message: string, error?: unknown): NodeOperationError {
	const line = error instanceof TemplateError && error.line !== undefined ? `Line ${error.line} of the template file.` : undefined;
	// A value quoted from the input is shown in part: an error never echoes a huge input back.
	const short = message.replace(/"([^"]{200,})"/g, (_, value: string) => `"${value.slice(0, 40)}…" (${value.length} characters)`);
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${short}`, { itemIndex, description: line });
}

export function parseOptionsOf(ctx: IExecuteFunctions, itemIndex: number, fileName?: string): ParseTemplateOptions {
	const o = ctx.getNodeParameter('templateOptions', itemIndex, {}) as IDataObject;
	const quantity = typeof o.quantityColumn === 'string' ? o.quantityColumn.trim() : '';
	return {
		fileName,
		encoding: (o.encoding as ParseTemplateOptions['encoding']) ?? 'auto',
		separator: (o.separator as ParseTemplateOptions['separator']) ?? 'auto',
		priceColumn: typeof o.priceColumn === 'string' && o.priceColumn.trim() ? o.priceColumn.trim() : undefined,
		quantityColumn: quantity === '-' ? '' : quantity || undefined,
		ignoreColumns: typeof o.ignoreColumns === 'string' ? o.ignoreColumns.split(',').map((c) => c.trim()).filter(Boolean) : [],
	};
}

function getPath(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** Reads the template file from a binary property and parses it. */
export async function templateFromBinary(ctx: IExecuteFunctions, itemIndex: number, property: string): Promise<Template> {
	const item = ctx.getInputData()[itemIndex];
	const binary = item.binary?.[property];
	if (!binary) {
		throw itemError(ctx, itemIndex, `no binary property "${property}" with the template file; the item has ${Object.keys(item.binary ?? {}).map((k) => `"${k}"`).join(', ') || 'no binary data'}`);
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	try {
		return parseTemplate(data, parseOptionsOf(ctx, itemIndex, binary.fileName));
	} catch (error) {
		if (error instanceof TemplateError) throw itemError(ctx, itemIndex, error.message, error);
		throw asNodeError(ctx, error, itemIndex);
	}
}

/** The template of an item, from its binary file or from a JSON field, cached per execution. */
export class TemplateSource {
	private readonly cache = new Map<string, Template>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly prefix = '',
	) {}

	async get(itemIndex: number): Promise<Template> {
		const source = this.ctx.getNodeParameter(`${this.prefix}templateSource`, itemIndex, 'binary') as string;
		const item = this.ctx.getInputData()[itemIndex];
		if (source === 'json') {
			const field = this.ctx.getNodeParameter(`${this.prefix}templateField`, itemIndex, 'template') as string;
			const template = asTemplate(getPath(item.json, field));
			if (!template) throw itemError(this.ctx, itemIndex, `field "${field}" does not hold a parsed template (use Template -> Parse with "Include Rows")`);
			return template;
		}
		const property = this.ctx.getNodeParameter(`${this.prefix}templateBinaryProperty`, itemIndex, 'data') as string;
		const binary = item.binary?.[property];
		const key = binary ? `${property}:${binary.id ?? createHash('sha256').update(binary.data).digest('hex')}:${JSON.stringify(parseOptionsOf(this.ctx, itemIndex))}` : '';
		const cached = key ? this.cache.get(key) : undefined;
		if (cached) return cached;
		const template = await templateFromBinary(this.ctx, itemIndex, property);
		if (key) this.cache.set(key, template);
		return template;
	}
}

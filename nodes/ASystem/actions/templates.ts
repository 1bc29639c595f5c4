/**
 * Template helpers shared by the ASystem operations: the template dropdown, parameter keys
 * (`order:Name`, `detail:Name`, `operation:Name`, or a bare name), and per-execution caches.
 * Caches live only for one execution (nothing is kept between executions: queue-mode safe).
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Identifiers, ParameterGroup, Template, TemplateParameter } from '../transport/contract';
import { ENDPOINTS, PARAMETER_GROUPS, readIdentifiers, readTemplate } from '../transport/contract';
import { asystemRequest, readAnswer } from '../transport';

export interface RunContext {
	templates: Map<string, Template>;
	identifiers?: Identifiers;
}

export function newRunContext(): RunContext {
	return { templates: new Map() };
}

export function templateIdProperty(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		default: '',
		required: true,
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		description:
			'The ASystem template (the guide\'s "Synchronise templates with the ASystem server" fills this list). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

export async function getTemplate(ctx: IExecuteFunctions, run: RunContext, templateId: string, itemIndex: number): Promise<Template> {
	if (!templateId) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: field "Template" is empty`, { itemIndex });
	const cached = run.templates.get(templateId);
	if (cached) return cached;
	const endpoint = ENDPOINTS.getTemplate(templateId);
	const body = await asystemRequest(ctx, { ...endpoint, retry: 'always', itemIndex });
	const template = readAnswer(ctx, { ...endpoint, itemIndex }, body, readTemplate);
	run.templates.set(templateId, template);
	return template;
}

export async function getIdentifiers(ctx: IExecuteFunctions, run: RunContext, itemIndex?: number): Promise<Identifiers> {
	if (run.identifiers) return run.identifiers;
	const endpoint = ENDPOINTS.identifiers;
	const body = await asystemRequest(ctx, { ...endpoint, retry: 'always', itemIndex });
	run.identifiers = readAnswer(ctx, { ...endpoint, itemIndex }, body, readIdentifiers);
	return run.identifiers;
}

export const GROUP_LABELS: Record<ParameterGroup, string> = { order: 'order parameters', detail: 'detail parameters', operation: 'operation parameters' };

/** `order:Вид оплаты` -> group + name; a bare name has no group. */
export function parseParameterKey(key: string): { group?: ParameterGroup; name: string } {
	const match = /^(order|detail|operation):(.*)$/s.exec(key);
	if (match) return { group: match[1] as ParameterGroup, name: match[2].trim() };
	return { name: key.trim() };
}

export function parameterKey(group: ParameterGroup, name: string): string {
	return `${group}:${name}`;
}

/** Finds a template parameter by key; a bare name is looked up in order, detail, operation parameters. */
export function findParameter(template: Template, key: string): { group: ParameterGroup; parameter: TemplateParameter } | undefined {
	const { group, name } = parseParameterKey(key);
	const groups = group ? [group] : PARAMETER_GROUPS.map((g) => g.group);
	for (const g of groups) {
		const parameter = template.parameters[g].find((p) => p.name === name);
		if (parameter) return { group: g, parameter };
	}
	return undefined;
}

export function emptyValues(): Record<ParameterGroup, Record<string, string>> {
	return { order: {}, detail: {}, operation: {} };
}

/** Turns a value typed by the user or taken from the order into the string the contract sends. */
export function valueToText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

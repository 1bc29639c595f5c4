/** Every REST method the fake portal knows (lower-case names). */
import type { MethodHandler } from './api';
import { catalogMethods } from './catalog';
import { crmMethods } from './crm';
import { crmExtraMethods } from './crmextra';
import { itemMethods } from './item';
import { requisiteMethods } from './requisite';
import { timelineMethods } from './timeline';

export function allMethods(scopes: string[]): Record<string, MethodHandler> {
	return {
		...crmMethods(),
		...crmExtraMethods(),
		...timelineMethods(),
		...itemMethods(),
		...requisiteMethods(),
		...catalogMethods(() => scopes),
	};
}

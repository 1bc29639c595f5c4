import type { IDataObject } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';
import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import type { FakeBitrix24, FakeBitrix24Options } from '../fakes/bitrix24';
import { startFakeBitrix24 } from '../fakes/bitrix24';
import { loadOptions, runNode } from '../helpers/engine';

export interface Portal {
	fake: FakeBitrix24;
	run(parameters: IDataObject, items?: IDataObject[], options?: { continueOnFail?: boolean; credentials?: IDataObject }): ReturnType<typeof runNode>;
	options(method: string, parameters?: IDataObject): ReturnType<typeof loadOptions>;
}

/** A fake portal (no rate limit unless asked) and a way to run the Bitrix24 node against it in n8n's engine. */
export async function startPortal(options: FakeBitrix24Options = {}): Promise<Portal> {
	const fake = await startFakeBitrix24({ bucket: false, ...options });
	const credentials = (extra: IDataObject = {}) => ({ bitrix24WebhookApi: { ...fake.credentials, rateLimit: 'enterprise', ...extra } });
	return {
		fake,
		run: async (parameters, items = [{}], runOptions = {}) =>
			await runNode({
				node: new Bitrix24(),
				parameters,
				items,
				credentialTypes: [new Bitrix24WebhookApi()],
				credentials: credentials(runOptions.credentials),
				continueOnFail: runOptions.continueOnFail,
			}),
		options: async (method, parameters = {}) =>
			await loadOptions({ node: new Bitrix24(), parameters, method, credentialTypes: [new Bitrix24WebhookApi()], credentials: credentials() }),
	};
}

/** Everything a node run left visible: outputs, error texts and descriptions, joined for secret scans. */
export function visibleText(result: Awaited<ReturnType<typeof runNode>>): string {
	return JSON.stringify({ json: result.json, error: result.error?.message, description: result.error?.description, context: result.error?.context });
}

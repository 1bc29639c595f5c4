import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { readOrder } from '../../nodes/shared/order';

/** The README's Order example is a valid Order item, read back unchanged. */
test('the README Order item example passes readOrder as it is', () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	const section = /<!-- section:order -->([\s\S]*?)<!-- \/section:order -->/.exec(readme)![1];
	const json = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]) as IDataObject;
	const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	expect(readOrder(json, node, 0)).toEqual(json);
	// Every field of the example is explained in the table below it.
	for (const key of Object.keys(json)) expect(section).toContain(`\`${key}`);
});

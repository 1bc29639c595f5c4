/** The scan's list of known secrets holds each fake's default credentials. */
import { DEFAULT_FAKE_API_KEY } from '../fakes/asystem';
import { startFakeBitrix24 } from '../fakes/bitrix24';
import { startFakeHelloPrint } from '../fakes/helloprint';
import { startFakePixlpark } from '../fakes/pixlpark';
import { KNOWN_SECRETS } from './known';

const known = KNOWN_SECRETS.map((s) => s.value);

it('lists the fakes\' default webhook code, application token, private key and API keys', async () => {
	expect(known).toContain(DEFAULT_FAKE_API_KEY);
	const bitrix = await startFakeBitrix24({ bucket: false });
	const pixlpark = await startFakePixlpark({ orders: 1 });
	const helloprint = await startFakeHelloPrint();
	try {
		expect(known).toEqual(expect.arrayContaining([bitrix.credentials.webhookSecret, bitrix.credentials.applicationToken, pixlpark.privateKey, helloprint.apiKey]));
	} finally {
		await bitrix.close();
		await pixlpark.close();
		await helloprint.close();
	}
});

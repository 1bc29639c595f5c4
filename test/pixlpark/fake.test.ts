import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakePixlpark, type FakePixlpark } from '../fakes/pixlpark';

async function getJson(url: string) {
	const res = await fetch(url);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('fake Pixlpark', () => {
	let fake: FakePixlpark;
	beforeEach(async () => {
		fake = await startFakePixlpark({ orders: 3 });
	});
	afterEach(async () => fake.close());

	it('runs the token flow: a request token is single use and the hash must match', async () => {
		const rt = (await getJson(`${fake.url}/oauth/requesttoken`)).body.RequestToken as string;
		const password = createHash('sha1').update(rt + fake.privateKey).digest('hex');
		const qs = (p: string) => `oauth_token=${rt}&grant_type=api&username=${fake.publicKey}&password=${p}`;
		const bad = await getJson(`${fake.url}/oauth/accesstoken?${qs('0'.repeat(40))}`);
		expect(bad.body).toMatchObject({ Success: false });
		const rt2 = (await getJson(`${fake.url}/oauth/requesttoken`)).body.RequestToken as string;
		const good = await getJson(`${fake.url}/oauth/accesstoken?oauth_token=${rt2}&grant_type=api&username=${fake.publicKey}&password=${createHash('sha1').update(rt2 + fake.privateKey).digest('hex')}`);
		expect(good.body).toMatchObject({ Success: true });
		const again = await getJson(`${fake.url}/oauth/accesstoken?${qs(password)}`);
		expect(again.body).toMatchObject({ Success: false });
		const token = good.body.AccessToken as string;
		const orders = await getJson(`${fake.url}/orders?oauth_token=${token}`);
		expect(orders.body).toMatchObject({ ApiVersion: '1.0', ResponseCode: 200, ErrorMessage: null });
		expect((orders.body.Result as unknown[]).length).toBe(3);
		fake.expireTokens();
		const refused = await getJson(`${fake.url}/orders?oauth_token=${token}`);
		expect(refused.status).toBe(401);
		expect(refused.body).toMatchObject({ ResponseCode: 401, Success: false });
		const refreshed = await getJson(`${fake.url}/oauth/refreshtoken?refreshToken=${good.body.RefreshToken}`);
		expect(refreshed.body).toMatchObject({ Success: true });
		expect((await getJson(`${fake.url}/orders/count?oauth_token=${refreshed.body.AccessToken}`)).body.Result).toEqual([{ count: 3 }]);
	});

	it('sends webhooks with the secret in the URL query or a header', async () => {
		const got: Array<{ url: string; headers: Record<string, unknown>; body: string }> = [];
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				got.push({ url: req.url ?? '', headers: req.headers, body });
				res.end('ok');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/pixlpark`;
		const id = [...fake.orders.keys()][0];
		expect(await fake.sendWebhook(base, 'placed', id, { secret: 's e/cret' })).toEqual({ status: 200, body: 'ok' });
		await fake.sendWebhook(base, 'changed', id, { secret: 'hdr', header: 'x-pixlpark-secret' });
		server.close();
		expect(got[0].url).toBe('/webhook/abc/pixlpark?secret=s%20e%2Fcret&event=placed');
		expect(JSON.parse(got[0].body)).toMatchObject({ Id: id, UserAdditionalInfo: { Email: expect.any(String) } });
		expect(JSON.parse(got[0].body).DateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(got[1].url).toBe('/webhook/abc/pixlpark?event=changed');
		expect(got[1].headers['x-pixlpark-secret']).toBe('hdr');
	});
});

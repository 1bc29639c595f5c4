/**
 * Runs the fake Pixlpark as a sandbox process:
 *   npx ts-node --transpile-only test/fakes/pixlpark/cli.ts --port 4200 [--orders 25] [--expired envelope]
 * Prints one line of JSON: the credentials for n8n's "Pixlpark API" credential.
 */
import { startFakePixlpark } from './index';

function arg(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
	const fake = await startFakePixlpark({
		port: Number(arg('port') ?? 0),
		host: arg('host') ?? '127.0.0.1',
		orders: Number(arg('orders') ?? 25),
		publicKey: arg('public-key'),
		privateKey: arg('private-key'),
		expiredTokenAnswer: arg('expired') === 'envelope' ? 'envelope' : 'http401',
	});
	process.stdout.write(`${JSON.stringify(fake.credentials())}\n`);
	const stop = () => void fake.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();

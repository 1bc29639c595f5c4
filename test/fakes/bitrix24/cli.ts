/**
 * Sandbox: starts the fake portal on a fixed port and prints the credential JSON.
 *   npx ts-node --transpile-only test/fakes/bitrix24/cli.ts --port 4100 [--time-scale 10] [--no-bucket]
 *     [--seed-deals 100] [--user 1] [--secret CODE] [--app-token TOKEN] [--latency-ms 0]
 * Stops on SIGINT/SIGTERM.
 */
import { seedDeals, startFakeBitrix24 } from './index';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const fake = await startFakeBitrix24({
		port: Number(arg('port') ?? 4100),
		timeScale: Number(arg('time-scale') ?? 1),
		bucket: process.argv.includes('--no-bucket') ? false : undefined,
		userId: arg('user'),
		webhookSecret: arg('secret'),
		applicationToken: arg('app-token'),
		latencyMs: arg('latency-ms') === undefined ? undefined : Number(arg('latency-ms')),
	});
	const n = Number(arg('seed-deals') ?? 0);
	if (n > 0) seedDeals(fake.db, n);
	process.stdout.write(`${JSON.stringify(fake.credentials, null, 2)}\n`);
	const stop = (): void => {
		void fake.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
	process.stderr.write(`${String(e)}\n`);
	process.exit(1);
});

/**
 * Runs the fake 1C exchange client as a sandbox process:
 *   npx ts-node --transpile-only test/fakes/onec/cli.ts --url http://127.0.0.1:5678/webhook/<id>/exchange \
 *     --login site-exchange --password secret [--port 4300] [--once] [--fail-before-success]
 * With --once it runs one exchange, prints its steps as JSON and exits; otherwise it serves the
 * control API (POST /exchange, GET /steps) and prints its address.
 */
import { documentIds, OneCClient, startFakeOneC } from './index';

function arg(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
	const options = { url: arg('url') ?? '', login: arg('login') ?? '', password: arg('password') ?? '' };
	if (!options.url) throw new Error('--url is required');
	if (process.argv.includes('--once')) {
		const result = await new OneCClient(options).exchange({ failBeforeSuccess: process.argv.includes('--fail-before-success') });
		process.stdout.write(`${JSON.stringify({ orders: documentIds(result.query.body), steps: result.steps.map((s) => ({ mode: s.mode, status: s.status, body: s.body.slice(0, 200) })) })}\n`);
		return;
	}
	const fake = await startFakeOneC({ ...options, port: Number(arg('port') ?? 0), host: arg('host') ?? '127.0.0.1' });
	process.stdout.write(`${JSON.stringify({ control: fake.url })}\n`);
	const stop = () => void fake.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});

/**
 * Starts the fake ASystem server as a sandbox process and prints the credentials JSON for it.
 *   npx ts-node --transpile-only test/fakes/asystem/cli.ts --port 4300 [--api-key KEY] [--host 127.0.0.1]
 * Prints one line: {"aSystemApi":{"apiHost":"http://127.0.0.1:4300","apiKey":"...","ignoreSslIssues":false}}
 */
import { startFakeASystem } from './index';

function arg(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
	const port = Number(arg('port') ?? 4300);
	const fake = await startFakeASystem({ port, host: arg('host') ?? '127.0.0.1', apiKey: arg('api-key') });
	process.stdout.write(`${JSON.stringify({ aSystemApi: { apiHost: fake.url, apiKey: fake.apiKey, ignoreSslIssues: false } })}\n`);
	const stop = () => void fake.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`fake ASystem: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});

/**
 * Starts the fake HelloPrint server as a sandbox process and prints the credentials JSON for it.
 *   npx ts-node --transpile-only test/fakes/helloprint/cli.ts --port 4400 [--api-key KEY] [--host 127.0.0.1]
 * Prints one line: {"helloPrintApi":{"apiHost":"http://127.0.0.1:4400","apiKey":"..."}}
 */
import { startFakeHelloPrint } from './index';

function arg(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
	const port = Number(arg('port') ?? 4400);
	const fake = await startFakeHelloPrint({ port, host: arg('host') ?? '127.0.0.1', apiKey: arg('api-key') });
	process.stdout.write(`${JSON.stringify({ helloPrintApi: fake.credentials })}\n`);
	const stop = () => void fake.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`fake HelloPrint: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});

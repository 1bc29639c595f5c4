// `npm start`: the local sandbox on a fresh machine.
//   1. `npm ci` when node_modules is missing (the project's .npmrc sets ignore-scripts);
//   2. builds the package (dist/);
//   3. installs a real n8n 2.x + Node 24 into ~/.cache/n8n-nodes-pixlpark-erp once (scripts/n8n-runtime.mjs);
//   4. starts the fake Bitrix24 / Pixlpark / ASystem / HelloPrint on 127.0.0.1:4100/4200/4300/4400,
//      n8n on 127.0.0.1:5678 (or the next free port) with this package installed as a community
//      package, credentials pointing at the fakes and the workflows of workflows-examples/ imported
//      (test/fakes/sandbox.ts does this part, through the e2e harness test/e2e/n8n.ts);
//   5. prints the editor URL, the owner login and the sandbox URLs. Ctrl-C stops everything.
// Options: --fresh (forget the sandbox's n8n data in .n8n-local/), --port N (n8n's port),
//          --fakes-only (only the fake systems), --no-build, --no-activate (leave trigger workflows off).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureN8n } from './n8n-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function say(message) {
	process.stderr.write(`[start] ${message}\n`);
}

function run(cmd, cmdArgs) {
	const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
	return result.status === 0;
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
	say(`Node ${process.versions.node} is too old: this project needs Node 20 or newer (n8n itself gets its own Node 24).`);
	process.exit(1);
}

if (!existsSync(join(root, 'node_modules', 'ts-node')) || !existsSync(join(root, 'node_modules', 'typescript'))) {
	say('installing the project\'s dependencies (npm ci)');
	if (!run('npm', ['ci'])) process.exit(1);
}

if (!args.includes('--no-build')) {
	say('building the package');
	if (!run('npm', ['run', 'build', '--silent'])) {
		if (!existsSync(join(root, 'dist'))) process.exit(1);
		say('warning: the build reported errors; starting with what was emitted into dist/');
	}
}

if (!args.includes('--fakes-only')) {
	say('checking the n8n runtime (the first run installs n8n, a few minutes)');
	ensureN8n();
}

// The sandbox is TypeScript (it shares the fakes and the e2e harness with the tests).
const require = createRequire(import.meta.url);
require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
const sandbox = require(join(root, 'test', 'fakes', 'sandbox.ts'));
sandbox.main(args).catch((error) => {
	say(`failed: ${error.message}`);
	process.exit(1);
});

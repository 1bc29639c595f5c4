// Runs once before the e2e suite: builds the package (unless E2E_SKIP_BUILD=1) and makes sure the
// real n8n runtime is installed (scripts/n8n-runtime.mjs; a few minutes on a fresh machine).
// Type errors are `npm run typecheck`'s business: tsc still emits JavaScript when it reports them,
// so they are shown as a warning here and the suite runs on what was emitted.
const { spawnSync } = require('child_process');
const { join } = require('path');

module.exports = async function globalSetup() {
	const root = join(__dirname, '..', '..');
	if (process.env.E2E_SKIP_BUILD !== '1') {
		const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
		if (tsc.status !== 0) {
			process.stderr.write(`\n[e2e] warning: tsc reported errors (JavaScript emitted anyway):\n${(tsc.stdout + tsc.stderr).slice(0, 3000)}\n`);
		}
		const assets = spawnSync('npx', ['gulp', 'build:assets', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
		if (assets.status !== 0) throw new Error(`gulp build:assets failed (exit ${assets.status})`);
	}
	const runtime = spawnSync(process.execPath, [join(root, 'scripts', 'n8n-runtime.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (runtime.status !== 0) throw new Error(`installing n8n failed (exit ${runtime.status})`);
};

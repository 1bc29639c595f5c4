// Before the editor check: Chromium comes from Debian's package. When it is missing and we run as
// root (as CI and these machines do), install it (about 1.5 minutes, once per machine); set
// UI_NO_INSTALL=1 to never install. Then build and install n8n like the e2e suite
// (test/e2e/global-setup.js; E2E_SKIP_BUILD=1 skips the build). Without Chromium the check reports
// its skip, so nothing else is built or installed.
const { spawnSync } = require('child_process');
const { existsSync } = require('fs');
const { chromiumPath } = require('./chromium.js');

function installChromium() {
	if (process.env.UI_NO_INSTALL === '1' || process.env.CHROMIUM_PATH || typeof process.getuid !== 'function' || process.getuid() !== 0) return;
	if (spawnSync('which', ['apt-get']).status !== 0) return;
	process.stderr.write('\n[ui] installing Debian\'s chromium for the editor check (once per machine)\n');
	const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
	spawnSync('apt-get', ['update', '-qq'], quiet);
	spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], quiet);
}

module.exports = async function globalSetup() {
	if (!existsSync(chromiumPath())) installChromium();
	if (!existsSync(chromiumPath())) return;
	await require('../e2e/global-setup.js')();
};

// Before the editor check: when Chromium is there, build the package and install n8n like the e2e
// suite does (test/e2e/global-setup.js; E2E_SKIP_BUILD=1 skips the build). Without Chromium the
// check only reports its skip, so nothing is built or installed.
const { existsSync } = require('fs');
const { chromiumPath } = require('./chromium.js');

module.exports = async function globalSetup() {
	if (!existsSync(chromiumPath())) return;
	await require('../e2e/global-setup.js')();
};

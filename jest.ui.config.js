/**
 * The editor check in headless Chromium (test/ui/editor.ui.ts): a real n8n with the package and the
 * sandbox (test/fakes/sandbox.ts), signed in through n8n's own sign-in page, node panel and every
 * example workflow on the canvas. Run: `npx jest -c jest.ui.config.js`.
 * Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH); without it the check is skipped
 * with the reason printed. Screenshots go to a temp folder, or to UI_SCREENSHOTS=docs/screenshots.
 * The file is named *.ui.ts so the unit run (jest.config.js, *.test.ts) does not pick it up.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/ui/global-setup.js',
	testTimeout: 240_000,
	maxWorkers: 1,
};

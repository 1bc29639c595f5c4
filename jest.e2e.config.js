/**
 * End-to-end tests in a real n8n process (test/e2e/n8n.ts). Run: `npx jest -c jest.e2e.config.js`.
 * globalSetup builds the package once (skip with E2E_SKIP_BUILD=1) and installs n8n if missing.
 * One worker: each test file starts its own n8n (about 5-10 s, ~400 MB), and 2 cores are all we have.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	testTimeout: 180_000,
	maxWorkers: 1,
};

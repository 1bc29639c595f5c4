/**
 * n8n queue mode end to end (test/queue): Redis + one n8n main + two n8n workers, 500 orders
 * through example workflow 01. Run: `npm run test:queue`. globalSetup builds the package (skip
 * with E2E_SKIP_BUILD=1) and installs n8n if missing, like the e2e suite.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	testTimeout: 720_000,
	maxWorkers: 1,
	globals: { __PIXLPARK_QUEUE_TEST__: true },
};

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// End-to-end tests in a real n8n run under jest.e2e.config.js.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/queue/'],
	transform: {
		// Type checking is done once by `npm run typecheck`; here only transpile, so tests start fast.
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	testTimeout: 60_000,
	// Secret scan (test/secrets): every worker records outputs, errors and log lines; the teardown fails the run on a secret.
	globalSetup: '<rootDir>/test/secrets/globalSetup.ts',
	setupFilesAfterEnv: ['<rootDir>/test/secrets/record.ts'],
	globalTeardown: '<rootDir>/test/secrets/globalTeardown.ts',
	// Fake servers and the engine run in-process; two workers fit these 2-core machines.
	maxWorkers: 2,
};

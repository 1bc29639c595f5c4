/**
 * The secrets the test suite uses that no runNode call reveals by itself: the fakes' default
 * credentials and the trigger secrets of the tests. `known.test.ts` checks this list against the
 * fakes' defaults, so a changed default cannot slip past the scan. Secrets passed to runNode as
 * password fields (and tokens its credentials helper obtains) are collected at run time.
 */
export const KNOWN_SECRETS: ReadonlyArray<{ name: string; value: string }> = [
	{ name: 'fake Bitrix24 webhook code', value: 'fakeWebhookSecret0123456789' },
	{ name: 'fake Bitrix24 application token', value: 'fakeAppToken0123456789' },
	{ name: 'fake Pixlpark private key', value: 'fake-private-key-0123456789' },
	{ name: 'fake ASystem API key', value: 'asys-test-key-5f3c9a' },
	{ name: 'fake HelloPrint API key', value: 'hp-test-key-5f3a9c1e7b2d' },
	{ name: 'Pixlpark Trigger test secret', value: 'pixlpark-hook-secret-0f9a8b7c' },
	{ name: 'Bitrix24 Trigger test token', value: 'outgoing-app-token-0123456789' },
	{ name: 'Bitrix24 Trigger test webhook code', value: 'incoming-code-xyz' },
	{ name: '1C exchange test password', value: 'Gr33n-Tea-1C!' },
	{ name: 'sandbox Bitrix24 webhook code', value: 'sandbox-incoming-webhook-code' },
	{ name: 'sandbox Bitrix24 application token', value: 'sandbox-outgoing-token' },
	{ name: 'bad-input Pixlpark Trigger secret', value: 'badinput-hook-secret-7c1d' },
	{ name: 'bad-input Bitrix24 Trigger token', value: 'badinput-app-token-44f0a2' },
	{ name: 'bad-input 1C password', value: 'badinput-1c-Pass-9e' },
];

/** Shorter values are too likely to occur by chance (and no test uses one as a real secret). */
export const MIN_SECRET_LENGTH = 8;

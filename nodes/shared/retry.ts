import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	attempts: number;
	/** First wait; each later wait doubles, with full jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** The total time spent waiting may not exceed this; past it the last error is thrown. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 20_000, maxTotalWaitMs: 120_000 };

/** What a failed attempt means: retry after the given wait (or a backoff), or give up. */
export type RetryVerdict = { retry: false } | { retry: true; waitMs?: number };

/** Exponential backoff with full jitter, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, `classify` says not to retry, or the policy runs out.
 * Waiting uses n8n's `sleep`, so it is cancelled with the execution.
 */
export async function withRetry<T>(
	attempt: (attemptIndex: number) => Promise<T>,
	classify: (error: unknown) => RetryVerdict,
	policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
	let waited = 0;
	for (let index = 0; ; index++) {
		try {
			return await attempt(index);
		} catch (error) {
			const verdict = classify(error);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the attempt's own error goes back unchanged; each transport builds the NodeApiError
			if (!verdict.retry || index + 1 >= policy.attempts) throw error;
			const wait = Math.min(verdict.waitMs ?? backoffDelay(index, policy), policy.maxDelayMs);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- as above
			if (waited + wait > policy.maxTotalWaitMs) throw error;
			waited += wait;
			await sleep(wait);
		}
	}
}

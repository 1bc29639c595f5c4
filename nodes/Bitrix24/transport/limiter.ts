import { sleep } from 'n8n-workflow';

import type { BucketLimits } from './portal';

/**
 * Client-side mirror of the portal's leaky bucket: each request adds one, the bucket drains
 * at the plan's rate. Kept per portal in process memory only to pace requests; correctness
 * never depends on it (a 503 that still comes is waited out by the transport).
 */
interface BucketState {
	level: number;
	updatedAt: number;
	/** Serialises callers so concurrent executions in one process queue up fairly. */
	tail: Promise<void>;
}

const buckets = new Map<string, BucketState>();

/** Headroom kept below the portal's capacity, for other apps sharing the portal's bucket. */
const HEADROOM = 2;

function drained(state: BucketState, limits: BucketLimits, now: number) {
	state.level = Math.max(0, state.level - ((now - state.updatedAt) / 1000) * limits.drainPerSecond);
	state.updatedAt = now;
}

/** Waits until one more request fits under the portal's limit, then counts it. */
export async function acquireSlot(portalKey: string, limits: BucketLimits): Promise<void> {
	let state = buckets.get(portalKey);
	if (!state) {
		state = { level: 0, updatedAt: Date.now(), tail: Promise.resolve() };
		buckets.set(portalKey, state);
	}
	const bucket = state;
	const turn = bucket.tail.then(async () => {
		const ceiling = Math.max(1, limits.capacity - HEADROOM);
		drained(bucket, limits, Date.now());
		if (bucket.level + 1 > ceiling) {
			const waitMs = Math.ceil(((bucket.level + 1 - ceiling) / limits.drainPerSecond) * 1000);
			await sleep(waitMs);
			drained(bucket, limits, Date.now());
		}
		bucket.level += 1;
	});
	bucket.tail = turn.catch(() => undefined);
	await turn;
}

/** After the portal said the bucket is full: treat our mirror as full too. */
export function markBucketFull(portalKey: string, limits: BucketLimits): void {
	const state = buckets.get(portalKey);
	if (state) {
		state.level = limits.capacity;
		state.updatedAt = Date.now();
	}
}

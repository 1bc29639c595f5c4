import { createHash, timingSafeEqual } from 'crypto';

/** Compares a received secret with the expected one in constant time (lengths are hidden by hashing). */
export function secretsEqual(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || expected.length === 0) return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/**
 * The portal's two limits, computed from timestamps (no timers), on a clock that runs
 * `timeScale` times faster than the wall clock:
 * - leaky bucket: each accepted request adds 1; over `capacity` the request is refused (and does
 *   not fill the bucket); it drains `drainPerSecond` per (scaled) second;
 * - operating budget: per method, the execution time charged in the rolling window; at or over
 *   the budget the method is refused until enough of it leaves the window.
 */

export interface BucketOptions {
	capacity: number;
	drainPerSecond: number;
}

export interface OperatingOptions {
	budgetMs: number;
	windowMs: number;
}

export class Clock {
	private readonly t0 = Date.now();
	constructor(readonly timeScale: number) {}
	/** Scaled milliseconds. */
	now(): number {
		return this.t0 + (Date.now() - this.t0) * this.timeScale;
	}
	/** Wall-clock unix seconds at which the scaled instant `v` arrives. */
	wallSecondsAt(v: number): number {
		return (Date.now() + (v - this.now()) / this.timeScale) / 1000;
	}
}

export class LeakyBucket {
	private level = 0;
	private last: number;
	constructor(
		private readonly opts: BucketOptions,
		private readonly clock: Clock,
	) {
		this.last = clock.now();
	}
	/** Adds one request; false when it would overflow. */
	take(): boolean {
		const now = this.clock.now();
		this.level = Math.max(0, this.level - ((now - this.last) / 1000) * this.opts.drainPerSecond);
		this.last = now;
		if (this.level + 1 > this.opts.capacity) return false;
		this.level += 1;
		return true;
	}
	get current(): number {
		return this.level;
	}
}

export class OperatingBudget {
	private readonly charges = new Map<string, Array<{ at: number; cost: number }>>();
	constructor(
		private readonly opts: OperatingOptions | false,
		private readonly clock: Clock,
	) {}

	private live(method: string): Array<{ at: number; cost: number }> {
		const now = this.clock.now();
		const windowMs = this.opts ? this.opts.windowMs : 600_000;
		const list = (this.charges.get(method) ?? []).filter((c) => c.at > now - windowMs);
		this.charges.set(method, list);
		return list;
	}

	/** Seconds of execution time charged to the method in the window. */
	used(method: string): number {
		return this.live(method).reduce((s, c) => s + c.cost, 0) / 1000;
	}

	blocked(method: string): boolean {
		if (!this.opts) return false;
		return this.used(method) * 1000 >= this.opts.budgetMs;
	}

	charge(method: string, costMs: number): void {
		this.live(method).push({ at: this.clock.now(), cost: costMs });
	}

	/** Unix seconds (wall clock, rounded up) when the method is usable again / its window resets. */
	resetAt(method: string): number {
		const list = this.live(method);
		const windowMs = this.opts ? this.opts.windowMs : 600_000;
		if (list.length === 0) return Math.ceil(this.clock.wallSecondsAt(this.clock.now() + windowMs));
		if (!this.opts) return Math.ceil(this.clock.wallSecondsAt(list[0].at + windowMs));
		let sum = list.reduce((s, c) => s + c.cost, 0);
		for (const c of list) {
			sum -= c.cost;
			if (sum < this.opts.budgetMs) return Math.ceil(this.clock.wallSecondsAt(c.at + windowMs));
		}
		return Math.ceil(this.clock.wallSecondsAt(list[list.length - 1].at + windowMs));
	}
}

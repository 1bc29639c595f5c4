import type { FaultMix } from './proxy';
import type { FaultRow } from '../../scripts/faults';
export async function runOneCExchange(_options: { orders: number; mix: FaultMix; seed: number; slowMs: number }): Promise<FaultRow[]> {
	return [];
}

/** Funnel 0 keeps its stages under DEAL_STAGE, funnel n under DEAL_STAGE_n. */
export function stageEntityId(funnelId: string | number): string {
	const id = String(funnelId ?? '0').trim() || '0';
	if (!/^\d+$/.test(id)) throw new Error(`Funnel ID must be a whole number, got ${JSON.stringify(id)}`);
	return id === '0' ? 'DEAL_STAGE' : `DEAL_STAGE_${id}`;
}

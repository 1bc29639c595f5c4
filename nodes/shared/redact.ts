/**
 * Removes secrets from text that may reach an error, a log line or node output.
 * Every transport passes its credential's secrets here before building an error.
 */
export function redactSecrets(text: string, secrets: Array<string | undefined | null>): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		result = result.split(secret).join('***');
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = result.split(encoded).join('***');
	}
	return result;
}

/** Deep-copies a JSON-like value with every string passed through `redactSecrets`. */
export function redactDeep<T>(value: T, secrets: Array<string | undefined | null>): T {
	if (typeof value === 'string') return redactSecrets(value, secrets) as T;
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
		return out as T;
	}
	return value;
}

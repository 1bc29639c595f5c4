/**
 * Builds a PHP-style query string (`fields[PHONE][0][VALUE]=...`), the form each command
 * of a Bitrix24 `batch` is written in. Mirrors PHP's http_build_query: null is skipped,
 * booleans become 1/0.
 */
/** Lone UTF-16 surrogates (which encodeURIComponent refuses with a URIError) become U+FFFD, as a browser sends them. */
function wellFormed(text: string): string {
	return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function toPhpQuery(params: Record<string, unknown>): string {
	const parts: string[] = [];
	const walk = (prefix: string, value: unknown) => {
		if (value === null || value === undefined) return;
		if (Array.isArray(value)) {
			value.forEach((entry, index) => walk(`${prefix}[${index}]`, entry));
			return;
		}
		if (typeof value === 'object') {
			for (const [key, entry] of Object.entries(value as Record<string, unknown>)) walk(`${prefix}[${key}]`, entry);
			return;
		}
		const scalar = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
		parts.push(`${encodeURIComponent(wellFormed(prefix)).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(wellFormed(scalar))}`);
	};
	for (const [key, value] of Object.entries(params)) walk(key, value);
	return parts.join('&');
}

const REFERENCE = /\$(?:result|next|total|error|time)\[([^\]]+)\]/g;

/** The command keys a value refers to through `$result[key]...` and its siblings. */
export function referencedKeys(params: unknown): string[] {
	const keys: string[] = [];
	const text = JSON.stringify(params ?? {});
	for (const match of text.matchAll(REFERENCE)) keys.push(match[1]);
	return keys;
}

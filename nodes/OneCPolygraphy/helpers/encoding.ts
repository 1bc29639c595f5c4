/** Encodes text as Windows-1251; characters it cannot hold become XML character references. */
let table: Map<number, number> | undefined;

function cp1251Table(): Map<number, number> {
	if (table) return table;
	table = new Map();
	const decoder = new TextDecoder('windows-1251');
	for (let byte = 0; byte < 256; byte++) {
		const ch = decoder.decode(Uint8Array.of(byte));
		if (ch !== '\ufffd') table.set(ch.codePointAt(0)!, byte);
	}
	return table;
}

export function encodeXmlText(text: string, encoding: 'utf-8' | 'windows-1251'): Buffer {
	if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
	const map = cp1251Table();
	const bytes: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		const byte = map.get(code);
		if (byte !== undefined) bytes.push(byte);
		else for (const c of `&#${code};`) bytes.push(c.charCodeAt(0));
	}
	return Buffer.from(bytes);
}

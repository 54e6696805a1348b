import { randomUUID } from 'node:crypto';

/**
 * Files sent inline are large: a 100 MB file is 133 MB of base64. Serialising a request that holds
 * that base64 as a string costs two more copies in n8n's HTTP layer (JSON.stringify, then the
 * UTF-8 Buffer). Instead the request carries a short token where the data goes, and the body is
 * written once into a Buffer of the exact size, the file encoded straight into it in slices.
 */
export interface InlineData {
	/** Stands in for the base64 text in the request until the body is encoded. */
	token: string;
	bytes: Uint8Array;
}

/** Slices of a multiple of 3 bytes encode to base64 without padding in between. */
const SLICE_BYTES = 3 * 16 * 1024;

export function inlineData(bytes: Uint8Array): InlineData {
	return { token: `inline-data-${randomUUID()}`, bytes };
}

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** The request as UTF-8 JSON with every token replaced by its file's base64. */
export function encodeJsonBody(body: object, inline: InlineData[]): Buffer {
	const json = JSON.stringify(body);
	const found = inline
		.map((entry) => ({ entry, at: json.indexOf(entry.token) }))
		.filter((hit) => hit.at >= 0)
		.sort((a, b) => a.at - b.at);
	const texts: Buffer[] = [];
	let cursor = 0;
	for (const { entry, at } of found) {
		texts.push(Buffer.from(json.slice(cursor, at), 'utf8'));
		cursor = at + entry.token.length;
	}
	texts.push(Buffer.from(json.slice(cursor), 'utf8'));

	const size = texts.reduce((sum, text) => sum + text.length, 0) + found.reduce((sum, hit) => sum + base64Length(hit.entry.bytes.length), 0);
	const out = Buffer.allocUnsafe(size);
	let position = texts[0].copy(out, 0);
	found.forEach(({ entry }, index) => {
		const bytes = Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength);
		for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
			position += out.write(bytes.subarray(offset, offset + SLICE_BYTES).toString('base64'), position, 'latin1');
		}
		position += texts[index + 1].copy(out, position);
	});
	return out;
}

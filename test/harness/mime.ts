/**
 * Small stand-ins for the `mime-types`, `file-type` and `pretty-bytes` packages n8n-core
 * uses in prepareBinaryData. Tables cover common media/document types only.
 */

const TYPE_BY_EXTENSION: Record<string, string> = {
	txt: 'text/plain', html: 'text/html', htm: 'text/html', css: 'text/css', csv: 'text/csv',
	tsv: 'text/tab-separated-values', md: 'text/markdown', yaml: 'text/yaml', yml: 'text/yaml',
	json: 'application/json', js: 'application/javascript', mjs: 'application/javascript',
	xml: 'application/xml', pdf: 'application/pdf', rtf: 'application/rtf', zip: 'application/zip',
	gz: 'application/gzip', tar: 'application/x-tar', wasm: 'application/wasm', bin: 'application/octet-stream',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
	svg: 'image/svg+xml', bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff', heic: 'image/heic',
	heif: 'image/heif', avif: 'image/avif', ico: 'image/vnd.microsoft.icon',
	mp3: 'audio/mpeg', mpga: 'audio/mpeg', wav: 'audio/wave', ogg: 'audio/ogg', oga: 'audio/ogg',
	opus: 'audio/ogg', flac: 'audio/x-flac', aac: 'audio/x-aac', m4a: 'audio/mp4', weba: 'audio/webm',
	mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime', webm: 'video/webm', mpeg: 'video/mpeg',
	mpg: 'video/mpeg', avi: 'video/x-msvideo', '3gp': 'video/3gpp', flv: 'video/x-flv', wmv: 'video/x-ms-wmv',
	mkv: 'video/x-matroska',
};

/** mime-types' `extension()` picks the first extension mime-db lists for a type. */
const EXTENSION_BY_TYPE: Record<string, string> = {
	'audio/mpeg': 'mpga', 'audio/ogg': 'oga', 'image/jpeg': 'jpeg', 'image/tiff': 'tif', 'text/html': 'html',
	'text/markdown': 'markdown', 'text/yaml': 'yaml', 'application/javascript': 'js', 'video/mpeg': 'mpeg',
	'video/quicktime': 'qt', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mp3': 'mp3',
};

export function lookupMimeType(filePath: string): string | undefined {
	const extension = filePath.split(/[\\/]/).pop()?.split('.').pop()?.toLowerCase();
	return extension && filePath.includes('.') ? TYPE_BY_EXTENSION[extension] : undefined;
}

export function extensionForMimeType(mimeType: string): string | undefined {
	const type = mimeType.split(';')[0].trim().toLowerCase();
	if (EXTENSION_BY_TYPE[type]) return EXTENSION_BY_TYPE[type];
	return Object.keys(TYPE_BY_EXTENSION).find((ext) => TYPE_BY_EXTENSION[ext] === type);
}

function startsWith(buffer: Buffer, bytes: number[], offset = 0): boolean {
	return bytes.every((byte, i) => buffer[offset + i] === byte);
}

/** file-type's `fromBuffer` for the formats a Gemini node is likely to see. */
export function sniffFileType(buffer: Buffer): { mime: string; ext: string } | undefined {
	const ascii = (start: number, end: number): string => buffer.subarray(start, end).toString('latin1');
	if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47])) return { mime: 'image/png', ext: 'png' };
	if (startsWith(buffer, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
	if (ascii(0, 4) === 'GIF8') return { mime: 'image/gif', ext: 'gif' };
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', ext: 'webp' };
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return { mime: 'audio/vnd.wave', ext: 'wav' };
	if (ascii(0, 5) === '%PDF-') return { mime: 'application/pdf', ext: 'pdf' };
	if (ascii(0, 3) === 'ID3' || (buffer[0] === 0xff && (buffer[1] & 0xe0) === 0xe0 && (buffer[1] & 0x06) !== 0)) {
		return { mime: 'audio/mpeg', ext: 'mp3' };
	}
	if (ascii(0, 4) === 'OggS') return { mime: 'audio/ogg', ext: 'ogg' };
	if (ascii(0, 4) === 'fLaC') return { mime: 'audio/x-flac', ext: 'flac' };
	if (ascii(4, 8) === 'ftyp') {
		const brand = ascii(8, 12);
		if (brand === 'qt  ') return { mime: 'video/quicktime', ext: 'mov' };
		if (brand.startsWith('M4A')) return { mime: 'audio/x-m4a', ext: 'm4a' };
		return { mime: 'video/mp4', ext: 'mp4' };
	}
	if (startsWith(buffer, [0x1a, 0x45, 0xdf, 0xa3])) return { mime: 'video/webm', ext: 'webm' };
	if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return { mime: 'application/zip', ext: 'zip' };
	if (startsWith(buffer, [0x1f, 0x8b, 0x08])) return { mime: 'application/gzip', ext: 'gz' };
	return undefined;
}

/** pretty-bytes (SI units, three significant digits), as stored in `IBinaryData.fileSize`. */
export function prettyBytes(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
	if (bytes < 1) return `${bytes} B`;
	const exponent = Math.min(Math.floor(Math.log10(bytes) / 3), units.length - 1);
	const value = Number((bytes / 1000 ** exponent).toPrecision(3));
	return `${value} ${units[exponent]}`;
}

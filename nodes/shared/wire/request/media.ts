import type { Content, MediaContent } from '../types';
import type { Parsed } from './jsonParameter';

export type MediaKind = MediaContent['type'];

/** MIME types Gemini reads, by content block type (wire reference §4.1). */
const SUPPORTED: Record<MediaKind, string[]> = {
	image: ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif', 'image/gif', 'image/bmp', 'image/tiff'],
	audio: [
		'audio/wav',
		'audio/mp3',
		'audio/mpeg',
		'audio/aiff',
		'audio/aac',
		'audio/ogg',
		'audio/flac',
		'audio/m4a',
		'audio/mp4',
		'audio/l16',
		'audio/opus',
		'audio/alaw',
		'audio/mulaw',
		'audio/webm',
	],
	document: [
		'application/pdf',
		'text/plain',
		'text/csv',
		'text/markdown',
		'text/html',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
		'application/msword',
		'application/vnd.oasis.opendocument.text',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'application/vnd.ms-excel',
		'application/vnd.oasis.opendocument.spreadsheet',
		'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		'application/vnd.ms-powerpoint',
		'application/vnd.oasis.opendocument.presentation',
	],
	video: [
		'video/mp4',
		'video/mpeg',
		'video/mpg',
		'video/quicktime',
		'video/mov',
		'video/avi',
		'video/x-msvideo',
		'video/x-flv',
		'video/webm',
		'video/wmv',
		'video/x-ms-wmv',
		'video/3gpp',
	],
};

const KIND_BY_MIME = new Map<string, MediaKind>(
	(Object.entries(SUPPORTED) as Array<[MediaKind, string[]]>).flatMap(([kind, mimes]) => mimes.map((mime) => [mime, kind] as const)),
);

/** Names other tools use for the same formats. */
const ALIASES: Record<string, string> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'audio/x-wav': 'audio/wav',
	'audio/wave': 'audio/wav',
	'audio/vnd.wave': 'audio/wav',
	'audio/x-aiff': 'audio/aiff',
	'audio/x-flac': 'audio/flac',
	'audio/x-m4a': 'audio/m4a',
	'audio/x-aac': 'audio/aac',
	'text/x-markdown': 'text/markdown',
	'application/csv': 'text/csv',
};

/** File extensions, for binary data stored as `application/octet-stream` and for URLs. */
const MIME_BY_EXTENSION: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	heic: 'image/heic',
	heif: 'image/heif',
	gif: 'image/gif',
	bmp: 'image/bmp',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	aif: 'audio/aiff',
	aiff: 'audio/aiff',
	aac: 'audio/aac',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/opus',
	flac: 'audio/flac',
	m4a: 'audio/m4a',
	weba: 'audio/webm',
	pdf: 'application/pdf',
	txt: 'text/plain',
	csv: 'text/csv',
	md: 'text/markdown',
	html: 'text/html',
	htm: 'text/html',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	dotx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
	doc: 'application/msword',
	odt: 'application/vnd.oasis.opendocument.text',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	xls: 'application/vnd.ms-excel',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	ppt: 'application/vnd.ms-powerpoint',
	odp: 'application/vnd.oasis.opendocument.presentation',
	mp4: 'video/mp4',
	m4v: 'video/mp4',
	mpeg: 'video/mpeg',
	mpg: 'video/mpg',
	mov: 'video/quicktime',
	avi: 'video/x-msvideo',
	flv: 'video/x-flv',
	webm: 'video/webm',
	wmv: 'video/x-ms-wmv',
	'3gp': 'video/3gpp',
};

const EXTENSION_BY_MIME: Record<string, string> = {
	...Object.fromEntries(Object.entries(MIME_BY_EXTENSION).map(([extension, mime]) => [mime, extension]).reverse()),
	'image/jpeg': 'jpg',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/l16': 'pcm',
	'video/mp4': 'mp4',
	'video/mpeg': 'mpeg',
};

/** `Image/PNG; charset=x` → `image/png`, with common aliases resolved. */
export function normalizeMimeType(mime: string | undefined): string {
	const bare = (mime ?? '').split(';')[0].trim().toLowerCase();
	return ALIASES[bare] ?? bare;
}

export function mimeTypeFromFileName(name: string | undefined): string | undefined {
	const match = /\.([a-z0-9]+)$/i.exec((name ?? '').split(/[?#]/)[0]);
	return match ? MIME_BY_EXTENSION[match[1].toLowerCase()] : undefined;
}

export function extensionForMimeType(mime: string | undefined): string {
	const normalized = normalizeMimeType(mime);
	return EXTENSION_BY_MIME[normalized] ?? (normalized.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin');
}

export function mediaKindForMimeType(mime: string | undefined): MediaKind | undefined {
	return KIND_BY_MIME.get(normalizeMimeType(mime));
}

const GENERIC_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-binary']);

/**
 * The content block type and MIME type of a file: the declared MIME type, or the file name's
 * extension when the declared type is generic. Gives the reason when Gemini cannot read it.
 */
export function classifyMedia(declaredMime: string | undefined, fileName?: string): Parsed<{ kind: MediaKind; mimeType: string }> {
	const declared = normalizeMimeType(declaredMime);
	const mimeType = GENERIC_MIME.has(declared) ? (mimeTypeFromFileName(fileName) ?? declared) : declared;
	const kind = mediaKindForMimeType(mimeType);
	if (!kind) {
		const shown = mimeType || 'an unknown type';
		return {
			ok: false,
			reason: `its MIME type ${shown}${fileName ? ` (file ${fileName})` : ''} is not one Gemini reads; supported are images (PNG, JPEG, WebP, HEIC, GIF…), audio (WAV, MP3, AAC, OGG, FLAC…), documents (PDF, text, CSV, Office) and video (MP4, MOV, WebM…)`,
		};
	}
	return { ok: true, value: { kind, mimeType } };
}

const YOUTUBE = /^https?:\/\/(www\.|m\.)?(youtube\.com|youtu\.be)\//i;

/**
 * A URL (https, gs:// or a Files API URI) as a content block. The type comes from the name's
 * extension (YouTube links are video); `fallbackMimeType` is for names that do not tell.
 */
export function uriContent(uri: string, fallbackMimeType?: string): Parsed<MediaContent> {
	if (!/^(https?|gs):\/\/\S+$/i.test(uri)) {
		return { ok: false, reason: `"${uri}" is not an http(s) or gs:// URL` };
	}
	if (YOUTUBE.test(uri)) return { ok: true, value: { type: 'video', uri } };
	const given = mimeTypeFromFileName(uri) ?? (fallbackMimeType ? normalizeMimeType(fallbackMimeType) : undefined);
	if (!given) {
		return { ok: false, reason: `the type of "${uri}" cannot be told from its name; set "URL MIME Type" (e.g. application/pdf)` };
	}
	const classified = classifyMedia(given);
	if (!classified.ok) return { ok: false, reason: `"${uri}": ${classified.reason}` };
	return { ok: true, value: { type: classified.value.kind, uri, mime_type: classified.value.mimeType } };
}

/** The user's turn: plain text, or the text followed by its files as content blocks. */
export function userContent(text: string, media: MediaContent[]): string | Content[] {
	if (media.length === 0) return text;
	return [...(text.trim() === '' ? [] : [{ type: 'text' as const, text }]), ...media];
}

// @ts-check
'use strict';

const crypto = require('node:crypto');

/**
 * What the emulator keeps of a file: its bytes, or — for large test files — a size and a seed from
 * which the same pseudo-random bytes are produced on every read (AES-CTR keystream), so a 100 MB
 * download costs the emulator no memory.
 * @typedef {{ bytes: Buffer } | { size: number, seed: string }} FileContent
 */

const BLOCK = 1024 * 1024;

/** @param {FileContent} content */
const sizeOf = (content) => ('bytes' in content ? content.bytes.length : content.size);

/**
 * The content in chunks of at most 1 MiB.
 * @param {FileContent} content
 * @returns {Generator<Buffer>}
 */
function* chunksOf(content) {
  if ('bytes' in content) {
    for (let offset = 0; offset < content.bytes.length; offset += BLOCK) yield content.bytes.subarray(offset, offset + BLOCK);
    return;
  }
  const key = crypto.createHash('sha256').update(content.seed).digest().subarray(0, 16);
  const cipher = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(BLOCK);
  for (let left = content.size; left > 0; left -= BLOCK) yield cipher.update(left >= BLOCK ? zeros : zeros.subarray(0, left));
}

/** @param {FileContent} content */
function sha256Of(content) {
  const hash = crypto.createHash('sha256');
  for (const chunk of chunksOf(content)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * A POSIX ustar archive of the given files, as a sequence of chunks (headers, contents, padding).
 * @param {{ name: string, content: FileContent, mtime: Date }[]} entries names relative to the archive root
 * @returns {Generator<Buffer>}
 */
function* tarChunks(entries) {
  for (const entry of entries) {
    const size = sizeOf(entry.content);
    yield tarHeader(entry.name, size, entry.mtime);
    yield* chunksOf(entry.content);
    if (size % 512) yield Buffer.alloc(512 - (size % 512));
  }
  yield Buffer.alloc(1024);
}

/** @param {string} name @param {number} size @param {Date} mtime */
function tarHeader(name, size, mtime) {
  const header = Buffer.alloc(512);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  /** @param {string} text @param {number} at @param {number} length */
  const put = (text, at, length) => header.write(text, at, length, 'utf8');
  /** @param {number} value @param {number} at @param {number} length */
  const octal = (value, at, length) => put(value.toString(8).padStart(length - 1, '0') + '\0', at, length);
  put(base, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return header;
}

/**
 * A one-page PDF 1.4 with the given lines of text (Helvetica), valid enough for PDF readers:
 * objects, a cross-reference table with exact offsets, and a trailer.
 * @param {string} title @param {string[]} lines
 */
function pdfReport(title, lines) {
  /** @param {string} text */
  const escape = (text) => text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const wrapped = lines.flatMap((line) => line.match(/.{1,90}(\s|$)|\S+/g) ?? ['']).slice(0, 45);
  const stream = [
    'BT /F1 16 Tf 56 780 Td',
    `(${escape(title)}) Tj`,
    '/F1 11 Tf 0 -28 Td 14 TL',
    ...wrapped.map((line) => `(${escape(line.trim())}) '`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

module.exports = { sizeOf, chunksOf, sha256Of, tarChunks, pdfReport };

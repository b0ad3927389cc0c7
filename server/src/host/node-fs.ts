// The core's FileSystem over node:fs, shared by the server and the CLI. Decodes Python source the way Python
// does (UTF-8 unless a PEP 263 cookie names a single-byte encoding) and never fails on bad bytes: the text is
// decoded with replacement characters and the problem is remembered, so the file still gets an answer.
import * as fs from 'node:fs';
import type { FileSystem } from '../core/fs';

export interface EncodingProblem {
  /** UTF-16 offset in the decoded text of the first replacement character. */
  offset: number;
  /** Offset in the file of the first byte that is not UTF-8. */
  byteOffset: number;
  message: string;
}

// PEP 263: `# -*- coding: latin-1 -*-`, `# vim: set fileencoding=cp1252 :`, on the first or second line.
const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

type Decoder = (bytes: Buffer) => string;

// cp1252 differs from latin-1 only in 0x80-0x9F. Node's TextDecoder lacks windows-1252 without full ICU, so the
// table is here (the five bytes cp1252 leaves undefined keep their latin-1 control character, as browsers do).
const CP1252_HIGH = [
  '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
  '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
];

const singleByteDecoders: Record<string, Decoder> = {
  // Python's latin-1 maps every byte to the code point of the same value; WHATWG's "latin1" label is cp1252.
  'latin-1': (bytes) => bytes.toString('latin1'),
  cp1252: (bytes) => bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!),
};

const encodingAliases: Record<string, string> = {
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  l1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
  'iso-latin-1': 'latin-1',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
};

/** The single-byte encoding a coding cookie in the first two lines names, if it is one we decode. */
export function cookieEncoding(bytes: Buffer): string | undefined {
  let lineStart = 0;
  for (let line = 0; line < 2 && lineStart < bytes.length; line++) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    if (lineEnd < 0) lineEnd = Math.min(bytes.length, lineStart + 400);
    const match = CODING_COOKIE.exec(bytes.toString('latin1', lineStart, lineEnd));
    if (match) return encodingAliases[match[1]!.toLowerCase().replace(/_/g, '-')];
    lineStart = lineEnd + 1;
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Decodes Python source bytes; `problem` is set when the bytes are not valid in the file's encoding. */
export function decodePythonSource(bytes: Buffer): { text: string; problem?: EncodingProblem } {
  const encoding = cookieEncoding(bytes);
  if (encoding) return { text: singleByteDecoders[encoding]!(bytes) };
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    const text = lenientUtf8.decode(bytes);
    return { text, problem: firstInvalidUtf8(bytes, text) };
  }
}

function firstInvalidUtf8(bytes: Buffer, text: string): EncodingProblem {
  // The first replacement character marks the first bad sequence (a genuine U+FFFD before it is rare enough).
  const offset = Math.max(0, text.indexOf('\uFFFD'));
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const byteOffset = Buffer.byteLength(text.slice(0, offset), 'utf8') + bomLength;
  return {
    offset,
    byteOffset,
    message: `The file is not valid UTF-8 (byte ${byteOffset}); add a coding cookie such as '# -*- coding: latin-1 -*-' or re-save it as UTF-8`,
  };
}

export class NodeFileSystem implements FileSystem {
  /** Path -> where its last read found bytes that are not UTF-8 (files of any size are read: the parser refuses huge ones). */
  readonly problems = new Map<string, EncodingProblem>();

  /** Path -> byte offset of the first byte that is not UTF-8. */
  encodingProblem(path: string): { message: string; offset: number } | undefined {
    return this.problems.get(path);
  }

  readFile(path: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path);
    } catch {
      this.problems.delete(path);
      return undefined;
    }
    const { text, problem } = decodePythonSource(bytes);
    if (problem) this.problems.set(path, problem);
    else this.problems.delete(path);
    return text;
  }

  readDir(path: string): { name: string; isDirectory: boolean }[] {
    try {
      // Symbolic links to folders are not followed: one pointing at an ancestor would make the scan endless.
      return fs.readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch {
      return [];
    }
  }

  exists(path: string): boolean {
    return fs.existsSync(path);
  }

  stat(path: string): { isDirectory: boolean } | undefined {
    try {
      return { isDirectory: fs.statSync(path).isDirectory() };
    } catch {
      return undefined;
    }
  }
}

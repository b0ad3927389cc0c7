// The core's FileSystem over node:fs, shared by the server and the CLI. Decodes Python source the way Python
// does (UTF-8 unless a PEP 263 cookie names a single-byte encoding) and never fails on bad bytes: the text is
// decoded with replacement characters and the problem is remembered, so the file still gets an answer.
// Reads only regular files, and at most the size limit plus one byte: a workspace may hold `x.py -> /dev/zero`,
// a FIFO or `/dev/stdin`, and is read before the user trusts it.
import * as fs from 'node:fs';
import type { FileSystem, ReadProblem } from '../core/fs';
import { MAX_ANALYSED_LENGTH, MIGRATION_HEAD_LENGTH } from '../core/limits';

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

const CHUNK_BYTES = 64 * 1024;
// O_NONBLOCK: opening a FIFO for reading must not wait for a writer (fstat then tells it is no regular file).
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

type BoundedRead = { bytes: Buffer; size: number } | { problem: ReadProblem | undefined };

/** At most `maxBytes + 1` bytes of a regular file; `size` is the file's size (at least what was read). */
export function readRegularFile(file: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { problem: openProblem(file, error) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: { kind: 'unreadable', message: `Not a regular file (${kindOf(stat)}): not read` } };
    const chunks: Buffer[] = [];
    let total = 0;
    // stat.size is not trusted (files in /proc say 0): read until the end or one byte past the limit.
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const count = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
    }
    return { bytes: Buffer.concat(chunks, total), size: Math.max(stat.size, total) };
  } catch (error) {
    return { problem: { kind: 'unreadable', message: `Cannot read the file (${describeCode(error)})` } };
  } finally {
    fs.closeSync(fd);
  }
}

function openProblem(file: string, error: unknown): ReadProblem | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    // Gone (deleted since the folder was listed) is no problem; a link to nothing is.
    const target = linkTarget(file);
    return target === undefined ? undefined : { kind: 'unreadable', message: `A symbolic link to ${target}, which does not exist: Alembic cannot load it` };
  }
  if (code === 'ELOOP') return { kind: 'unreadable', message: 'A symbolic link loop: the file cannot be read, and Alembic cannot load it' };
  return { kind: 'unreadable', message: `Cannot read the file (${describeCode(error)}): Alembic cannot load it either` };
}

function linkTarget(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

function describeCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error instanceof Error ? error.message : String(error));
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a file';
}

/** The first `maxBytes` of the bytes, cut after the last line feed so no character or line is split. */
function head(bytes: Buffer, maxBytes: number): Buffer {
  const cut = bytes.subarray(0, maxBytes);
  const lastLineFeed = cut.lastIndexOf(0x0a);
  return lastLineFeed < 0 ? cut : cut.subarray(0, lastLineFeed + 1);
}

export class NodeFileSystem implements FileSystem {
  /** Path -> where its last read found bytes that are not UTF-8. */
  readonly problems = new Map<string, EncodingProblem>();
  /** Path -> why its last read returned nothing or only its head. */
  private readonly readProblems = new Map<string, ReadProblem>();

  /** Path -> byte offset of the first byte that is not UTF-8. */
  encodingProblem(path: string): { message: string; offset: number } | undefined {
    return this.problems.get(path);
  }

  readProblem(path: string): ReadProblem | undefined {
    return this.readProblems.get(path);
  }

  /**
   * Files up to MAX_ANALYSED_LENGTH bytes are read whole; of a larger one only the head, where Alembic's revision
   * variables are (the problem says so).
   */
  readFile(path: string): string | undefined {
    this.problems.delete(path);
    this.readProblems.delete(path);
    const read = readRegularFile(path, MAX_ANALYSED_LENGTH);
    if ('problem' in read) {
      if (read.problem) this.readProblems.set(path, read.problem);
      return undefined;
    }
    let bytes = read.bytes;
    if (bytes.length > MAX_ANALYSED_LENGTH) {
      const megabytes = (read.size / 1_000_000).toFixed(1);
      this.readProblems.set(path, { kind: 'too-large', message: `File too large to analyse (${megabytes} MB): only the revision identifiers at its top were read` });
      bytes = head(bytes, MIGRATION_HEAD_LENGTH);
    }
    const { text, problem } = decodePythonSource(bytes);
    if (problem) this.problems.set(path, problem);
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

  realPath(path: string): string | undefined {
    try {
      // The C library's realpath first: asked for every file of a cold index, the JS one lstat()s each folder on the
      // way (2 to 3 times slower). It fails where a link leads to no path (/dev/stdin -> /proc/self/fd/0 -> a pipe);
      // the JS one still names where such a link leads, and the link must be reported, not read.
      return fs.realpathSync.native(path);
    } catch {
      try {
        return fs.realpathSync(path);
      } catch {
        return undefined;
      }
    }
  }
}

// libpg-query speaks UTF-8 bytes (node locations, statement bounds, scanner tokens) and code points (error
// cursors); the core speaks UTF-16 code units. These convert, building at most one table per text.

const NON_ASCII = /[^\x00-\x7f]/;
const SURROGATE = /[\ud800-\udfff]/;

/** Maps a UTF-8 byte offset into `text` to the UTF-16 offset of the character it belongs to. */
export type ByteToChar = (byteOffset: number) => number;

export function byteToCharMap(text: string): ByteToChar {
  if (!NON_ASCII.test(text)) return (b) => Math.max(0, Math.min(b, text.length));
  const table = byteTable(text);
  const last = table.length - 1;
  return (b) => table[Math.max(0, Math.min(b, last))]!;
}

/** UTF-8 length of the code point at `cp`, the same way emscripten encodes strings for the parser. */
function utf8Length(cp: number): number {
  return cp <= 0x7f ? 1 : cp <= 0x7ff ? 2 : cp <= 0xffff ? 3 : 4;
}

function byteTable(text: string): Uint32Array {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const n = utf8Length(text.codePointAt(i)!);
    bytes += n;
    if (n === 4) i++;
  }
  const table = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const n = utf8Length(text.codePointAt(i)!);
    // Every byte of a character maps to the character's start: an offset inside one never splits it.
    table.fill(i, b, b + n);
    b += n;
    if (n === 4) i++;
  }
  table[b] = text.length;
  return table;
}

/** Number of UTF-8 bytes of `text`. */
export function utf8ByteLength(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const n = utf8Length(text.codePointAt(i)!);
    bytes += n;
    if (n === 4) i++;
  }
  return bytes;
}

/** UTF-16 offset of the `codePoints`-th code point (PostgreSQL counts error positions in characters). */
export function codePointToChar(text: string, codePoints: number): number {
  if (!SURROGATE.test(text)) return Math.max(0, Math.min(codePoints, text.length));
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** Length in UTF-16 units of the character starting at `offset` (2 for a surrogate pair). */
export function charLengthAt(text: string, offset: number): number {
  const cp = text.codePointAt(offset);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

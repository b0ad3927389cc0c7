// The names PostgreSQL gives objects the DDL leaves unnamed (src/backend/commands/indexcmds.c ChooseRelationName,
// catalog/pg_constraint.c ChooseConstraintName): `<table>_<columns>_<label>`, cut to 63 bytes, numbered on collision.

/** NAMEDATALEN - 1: the longest identifier, in bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

/** UTF-8 bytes of `text`, counted without encoding it (names are made for every unnamed object of every replay). */
function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    // Two bytes up to U+07FF, three for the rest of the BMP; a surrogate pair is four bytes for two code units.
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** The longest prefix of `text` of at most `bytes` bytes that does not split a character (pg_mbcliplen). */
function clip(text: string, bytes: number): string {
  if (byteLength(text) <= bytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/** An identifier as PostgreSQL stores one too long: cut to 63 bytes. */
export function truncateIdentifier(name: string): string {
  return byteLength(name) > MAX_IDENTIFIER_BYTES ? clip(name, MAX_IDENTIFIER_BYTES) : name;
}

/** makeObjectName: name1 and name2 are shortened, the longer first, until `name1_name2_label` fits in 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let overhead = label.length > 0 ? byteLength(label) + 1 : 0;
  if (name2 !== undefined) overhead += 1;
  const available = MAX_IDENTIFIER_BYTES - overhead;
  let length1 = byteLength(name1);
  let length2 = name2 === undefined ? 0 : byteLength(name2);
  while (length1 + length2 > available) {
    if (length1 > length2) length1--;
    else length2--;
  }
  let name = clip(name1, length1);
  if (name2 !== undefined) name += `_${clip(name2, length2)}`;
  if (label.length > 0) name += `_${label}`;
  return name;
}

/** ChooseRelationName / ChooseConstraintName: the first of `label`, `label1`, `label2`, ... whose name is free. */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = makeObjectName(name1, name2, pass === 0 ? label : `${label}${pass}`);
    if (!taken(name)) return name;
  }
}

/** ChooseIndexNameAddition: the column names joined with `_`, stopping once 64 bytes are reached (makeObjectName cuts). */
export function columnsAddition(columns: readonly string[]): string {
  let out = '';
  for (const column of columns) {
    out = out === '' ? column : `${out}_${column}`;
    if (byteLength(out) > MAX_IDENTIFIER_BYTES) break;
  }
  return out;
}

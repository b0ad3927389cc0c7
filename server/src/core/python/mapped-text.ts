// Text recovered from Python source together with a map back to file offsets. Decoding escapes,
// concatenating literals and dedenting all produce a MappedText, so every character can still be
// traced to the exact file character it came from.
import type { Range, SqlSegment } from '../types';

export interface MappedSegment extends SqlSegment {
  /** The character was produced by an escape sequence (or a normalised line break): it stays a run of its own. */
  escape: boolean;
}

export interface MappedText {
  text: string;
  segments: MappedSegment[];
}

export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private readonly segments: MappedSegment[] = [];
  private length = 0;

  /** Appends `chunk`, whose characters map one-to-one onto the file from `fileStart`. */
  append(fileStart: number, chunk: string): void {
    if (chunk.length === 0) return;
    const last = this.segments[this.segments.length - 1];
    if (last && !last.escape && last.fileStart + last.length === fileStart) {
      last.length += chunk.length;
    } else {
      this.segments.push({ sqlStart: this.length, fileStart, length: chunk.length, escape: false });
    }
    this.parts.push(chunk);
    this.length += chunk.length;
  }

  /** Appends what one escape produced: each UTF-16 unit is a run of length 1 mapping to the backslash. */
  appendEscape(backslashAt: number, produced: string): void {
    for (let i = 0; i < produced.length; i++) {
      this.segments.push({ sqlStart: this.length, fileStart: backslashAt, length: 1, escape: true });
      this.length += 1;
    }
    this.parts.push(produced);
  }

  /** Appends the part [from, to) of `seg` (a segment of `source`). */
  appendSegmentPart(source: MappedText, seg: MappedSegment, from: number, to: number): void {
    const chunk = source.text.slice(from, to);
    if (seg.escape) this.appendEscape(seg.fileStart, chunk);
    else this.append(seg.fileStart + (from - seg.sqlStart), chunk);
  }

  build(): MappedText {
    return { text: this.parts.join(''), segments: this.segments };
  }
}

/** Concatenation of several mapped texts (implicitly concatenated literals, `+`). */
export function concatMapped(pieces: readonly MappedText[]): MappedText {
  if (pieces.length === 1) return pieces[0]!;
  const builder = new MappedTextBuilder();
  for (const piece of pieces) {
    for (const seg of piece.segments) builder.appendSegmentPart(piece, seg, seg.sqlStart, seg.sqlStart + seg.length);
  }
  return builder.build();
}

/** Keeps only the given text ranges (sorted, non-overlapping), preserving the map of what remains. */
export function keepRanges(mapped: MappedText, keep: readonly Range[]): MappedText {
  const builder = new MappedTextBuilder();
  const segments = mapped.segments;
  let i = 0;
  for (const range of keep) {
    while (i < segments.length && segments[i]!.sqlStart + segments[i]!.length <= range.start) i++;
    for (let j = i; j < segments.length; j++) {
      const seg = segments[j]!;
      if (seg.sqlStart >= range.end) break;
      const from = Math.max(range.start, seg.sqlStart);
      const to = Math.min(range.end, seg.sqlStart + seg.length);
      if (to > from) builder.appendSegmentPart(mapped, seg, from, to);
    }
  }
  return builder.build();
}

/** The contract's plain segments (without the internal escape flag). */
export function toSqlSegments(segments: readonly MappedSegment[]): SqlSegment[] {
  return segments.map((s) => ({ sqlStart: s.sqlStart, fileStart: s.fileStart, length: s.length }));
}

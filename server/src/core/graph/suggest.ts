// "Did you mean ...?" for a revision id that names nothing: a typo, or a partial id (Alembic accepts those on its
// command line, not in down_revision).

/**
 * The known id the reference most likely meant: the only id it is a prefix of, else the only id at the smallest
 * edit distance within a third of its length. undefined when nothing is close or the choice is ambiguous.
 */
export function closestId(reference: string, ids: Iterable<string>): string | undefined {
  const candidates = [...ids];
  const extending = candidates.filter((id) => id.startsWith(reference));
  if (reference.length >= 3 && extending.length === 1) return extending[0];
  const limit = Math.max(1, Math.floor(reference.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const id of candidates) {
    if (Math.abs(id.length - reference.length) > limit) continue;
    const distance = editDistance(reference, id, Math.min(bestDistance, limit) + 1);
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = id;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return best !== undefined && !tie ? best : undefined;
}

/** Levenshtein distance when below `cap`; `cap` as soon as it cannot be. */
function editDistance(a: string, b: string, cap: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= cap) return cap;
    previous = current;
  }
  return previous[b.length]!;
}

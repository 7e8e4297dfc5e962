/** How many lines one text changed, added and removed compared with another. */
export interface LineChanges {
  changed: number;
  added: number;
  removed: number;
}

const linesOf = (text: string): string[] => {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return normalised === '' ? [] : normalised.split('\n');
};

/**
 * Compares two versions of a text line by line in linear time, for a summary a clerk can read, not for
 * a patch: the lines both versions begin and end with are unchanged; of the lines in between, one that
 * appears in both versions (wherever it moved) is unchanged too, and what is left on each side pairs up
 * as "changed", the surplus of the longer side counting as added or removed. A minimal edit script
 * (Myers) would cost quadratic time on hostile text for a difference the reader cannot see in a count.
 */
export function compareLines(before: string, after: string): LineChanges {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const left = new Map<string, number>();
  for (let i = start; i < endA; i++) left.set(a[i]!, (left.get(a[i]!) ?? 0) + 1);
  let onlyAfter = 0;
  for (let i = start; i < endB; i++) {
    const count = left.get(b[i]!) ?? 0;
    if (count > 0) left.set(b[i]!, count - 1);
    else onlyAfter++;
  }
  let onlyBefore = 0;
  for (const count of left.values()) onlyBefore += count;
  const changed = Math.min(onlyBefore, onlyAfter);
  return { changed, added: onlyAfter - changed, removed: onlyBefore - changed };
}

const lines = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'line' : 'lines'}`;

/** "12 lines changed, 3 added, 1 removed", or "No line changed" when the texts have the same lines. */
export function describeLineChanges(c: LineChanges): string {
  const parts: string[] = [];
  if (c.changed) parts.push(`${lines(c.changed)} changed`);
  if (c.added) parts.push(parts.length ? `${c.added.toLocaleString('en-GB')} added` : `${lines(c.added)} added`);
  if (c.removed) parts.push(parts.length ? `${c.removed.toLocaleString('en-GB')} removed` : `${lines(c.removed)} removed`);
  return parts.length ? parts.join(', ') : 'No line changed';
}

/** Lines compared at most; beyond this (a rewrite, not a revision) only the counts are given. */
const MAX_LINES = 3000;

/**
 * What changed between two versions of a text, line by line, as a person reads a revision: removed
 * lines as "- …" and added lines as "+ …", in document order, unchanged lines left out. Blank-line
 * and trailing-space differences are ignored. At most `maxLines` lines are listed, then a count.
 */
export function describeChanges(before: string, after: string, maxLines = 40): string {
  const a = significantLines(before);
  const b = significantLines(after);
  if (a.length > MAX_LINES || b.length > MAX_LINES) return `The text was rewritten: ${a.length} lines before, ${b.length} lines now.`;
  // Longest common subsequence of lines, then walk it to list removals and additions in order.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`- ${a[i++]}`);
    } else {
      out.push(`+ ${b[j++]}`);
    }
  }
  if (out.length === 0) return 'No change to the text.';
  const shown = out.slice(0, maxLines);
  if (out.length > maxLines) shown.push(`… and ${out.length - maxLines} more changed lines.`);
  return shown.join('\n');
}

const significantLines = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');

import { EXEMPT_ITEM_TEXT } from './agenda';
import { ValidationError } from './errors';
import { outlineMinutes, type MinutesOutline } from '../minutes';
import type { AgendaItem } from './types';

/** What the public minutes show in the place of an exempt item's section. */
export const exemptItemLine = (number: string): string => `ITEM ${number}. ${EXEMPT_ITEM_TEXT}`;

/**
 * The approved minutes as the public may read them: each exempt (confidential) item's section, from its
 * heading to the next item's heading, becomes the one line {@link exemptItemLine}, and every other line is
 * kept as written. Items are found exactly as the minutes parser reads them, and an item is exempt when
 * the number in its heading is an exempt agenda item's ("4", and "4a" under it).
 *
 * Withheld with the section, wherever they stand: the paragraphs the parser reads into the exempt item
 * (after the next meeting's date, too) and its actions, with every copy of them in a summary of actions (by
 * item, by action number, or by the same text). The section of the last item ends at the next meeting's
 * date or a closing summary of actions, which stay; when that item is exempt, a summary action that is
 * not a public item's is withheld too, since it may be the exempt item's.
 *
 * Fails closed: nothing is returned unless every exempt item has its heading, item numbers are not used
 * twice, and the heading after an exempt item is numbered as written (when the minutes number their items).
 * @throws ValidationError naming the item when the exempt part cannot be told apart.
 */
export function publicMinutesText(text: string, items: readonly Pick<AgendaItem, 'number' | 'title' | 'confidential'>[]): string {
  const exempt = new Set(items.filter((i) => i.confidential).map((i) => i.number));
  if (exempt.size === 0) return text;
  const outline = outlineMinutes(text);
  const isExempt = (number: string | null): boolean => number !== null && exempt.has(Number.parseInt(number, 10));
  assertWithholdable(outline, items);

  // Even entries are lines, odd ones the line breaks after them, so that what is kept is kept byte for byte.
  const parts = text.split(/(\r\n?|\n)/);
  const lines = parts.filter((_, i) => i % 2 === 0);
  const breakAfter = (i: number): string => parts[2 * i + 1] ?? '';
  const withheld = new Array<boolean>(lines.length).fill(false);
  const withhold = (first: number, last: number): void => {
    for (let i = first; i <= last; i++) withheld[i] = true;
  };
  const replaced = new Map<number, string>();

  const sections: { from: number; to: number }[] = [];
  let tailFrom = Number.POSITIVE_INFINITY;
  outline.items.forEach((heading, i) => {
    if (!isExempt(heading.number)) return;
    const next = outline.items[i + 1];
    const closing = next ? undefined : outline.closings.find((c) => c > heading.line);
    const to = next?.line ?? closing ?? lines.length;
    if (closing !== undefined) tailFrom = closing;
    sections.push({ from: heading.line, to });
    // Blank lines before the next heading are layout, not content: they stay.
    let last = to - 1;
    while (last > heading.line && !lines[last]!.trim()) last--;
    withhold(heading.line, last);
    replaced.set(heading.line, exemptItemLine(heading.number));
  });
  const inExemptSection = (line: number): boolean => sections.some((s) => line >= s.from && line < s.to);

  for (const p of outline.paragraphs) if (isExempt(p.item)) withhold(p.first, p.last);

  // Copies of one action (a summary repeating it) are one group; the group's item is its first copy's, as in
  // the register. A group is exempt by that item or by a copy standing in an exempt section.
  const groups = new Map<number, { item: string | null; inSection: boolean }>();
  for (const a of outline.actions) {
    const group = groups.get(a.group) ?? { item: null, inSection: false };
    group.item ??= a.item;
    group.inSection ||= inExemptSection(a.first);
    groups.set(a.group, group);
  }
  const exemptGroup = (g: number): boolean => isExempt(groups.get(g)?.item ?? null) || groups.get(g)?.inSection === true;
  const publicGroup = (g: number): boolean => !exemptGroup(g) && (groups.get(g)?.item ?? null) !== null;
  const numbersOf = (keep: (g: number) => boolean) => new Set(outline.actions.filter((a) => keep(a.group) && a.number !== null).map((a) => a.number));
  const exemptNumbers = numbersOf(exemptGroup);
  const publicNumbers = numbersOf(publicGroup);
  for (const a of outline.actions) {
    const exemptCopy = exemptGroup(a.group) || (a.number !== null && exemptNumbers.has(a.number));
    const unclaimedAfterExempt = a.first > tailFrom && !publicGroup(a.group) && !(a.number !== null && publicNumbers.has(a.number));
    if (!exemptCopy && !unclaimedAfterExempt) continue;
    if (a.first < 0) throw new ValidationError('An action of an exempt item could not be placed in the minutes, so they are not published.', ['action']);
    withhold(a.first, a.last);
  }

  let out = '';
  let lastKept: string | null = null;
  let afterGap = false;
  lines.forEach((line, i) => {
    const replacement = replaced.get(i);
    if (replacement === undefined && withheld[i]) {
      afterGap = true;
      return;
    }
    const kept = replacement ?? line;
    // A gap leaves no run of blank lines behind it.
    if (afterGap && !kept.trim() && (lastKept === null || !lastKept.trim())) return;
    afterGap = false;
    out += kept + breakAfter(i);
    lastKept = kept;
  });
  return out;
}

function assertWithholdable(outline: MinutesOutline, items: readonly Pick<AgendaItem, 'number' | 'title' | 'confidential'>[]): void {
  const numberOf = (heading: { number: string }): number => Number.parseInt(heading.number, 10);
  for (const item of items) {
    if (item.confidential && !outline.items.some((h) => numberOf(h) === item.number)) {
      throw new ValidationError(
        `Item ${item.number} ("${item.title}") is exempt, but the minutes have no heading for item ${item.number}, so what to withhold cannot be told: they are not published.`,
        [`item ${item.number}`],
      );
    }
  }
  const seen = new Set<string>();
  for (const heading of outline.items) {
    const key = heading.number.toLowerCase();
    if (seen.has(key)) {
      throw new ValidationError(
        `The minutes have two headings for item ${heading.number}, so where an exempt item ends cannot be told: they are not published.`,
        [`item ${heading.number}`],
      );
    }
    seen.add(key);
  }
  const numbered = outline.items.some((h) => !h.inferred);
  outline.items.forEach((heading, i) => {
    const next = outline.items[i + 1];
    if (numbered && next?.inferred && items.some((item) => item.confidential && item.number === numberOf(heading))) {
      throw new ValidationError(
        `The heading after exempt item ${heading.number} (line ${next.line + 1}) has no item number, so it may be part of the exempt item: the minutes are not published.`,
        [`item ${heading.number}`],
      );
    }
  });
}

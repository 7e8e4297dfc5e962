import type { Line } from './lines';
import type { MinutesReader } from './reader';

/**
 * One way of reading a line. Rules sit in a table that is tried in order, and the first rule whose `match`
 * finds something reads the line: which reading wins over which is the order of the table, not control flow.
 */
export interface LineRule<Found = unknown> {
  /** What the rule reads, in a few words. */
  readonly name: string;
  /** What the rule needs from the line to read it, or null or false when the line is not the rule's; changes nothing. */
  match(reader: MinutesReader, line: Line): Found | null | false;
  /** Reads the line into the reader, given what `match` found. */
  apply(reader: MinutesReader, line: Line, found: Found): void;
}

/** A rule whose `found` is typed by its `match`, to sit in a table with rules that find other things. */
export const lineRule = <Found>(rule: LineRule<Found>): LineRule => rule;

/** Reads `line` by the first rule of `rules` that matches it; a table ends with a rule that matches any line. */
export function readByFirstRule(rules: readonly LineRule[], reader: MinutesReader, line: Line): void {
  for (const rule of rules) {
    const found = rule.match(reader, line);
    if (found === null || found === false) continue;
    rule.apply(reader, line, found);
    return;
  }
}

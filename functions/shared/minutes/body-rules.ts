import type { Line } from './lines';
import { bracketOwners, ownersOnly } from './owners';
import { lineRule, type LineRule } from './rule';
import { endsSentence } from './text';
import { ACTION_MARKER, ACTION_REFERENCE, ACTIONS_HEADING, PARA_NUMBER, PLACEHOLDER, STATUS, STATUS_AFTER } from './vocabulary';

/** "1." or "1)" before an entry of a numbered list of actions. */
const LIST_NUMBER = /^(\d{1,3})[.)]\s+(.*)$/;

/** Whether a line starts an entry of a list of actions: a bullet or a number. */
const startsEntry = (line: Line) => line.bullet || LIST_NUMBER.test(line.text);

/**
 * What a line of the items' text is, in order of precedence: an actions table, heading or marker; inside a
 * list of actions, an entry; the continuation of an open action; otherwise a paragraph. A line that reaches
 * the paragraph rules ends an open action and a list of actions.
 */
export const BODY_RULES: readonly LineRule[] = [
  lineRule({
    name: 'actions table row',
    match: (_r, line) => line.text.startsWith('|'),
    apply(r, line) {
      r.tableRow(line.text);
    },
  }),
  lineRule({
    name: 'actions heading',
    match: (_r, line) => ACTIONS_HEADING.test(line.text) && !line.bullet,
    apply(r, line) {
      r.closeParagraphs();
      // A summary closes the items: its actions belong to no one item.
      const summary = /^(summary|schedule|list)/i.test(line.text) || (line.heading > 0 && (r.itemLevel === 0 || line.heading <= r.itemLevel));
      r.list = { item: summary ? null : (r.item?.number ?? null), section: summary || line.heading > 0, bullets: null };
      if (summary) r.closings.push(r.source);
    },
  }),
  lineRule({
    // "ACTION 5.2 Review … (SP & CJ)": numbered by its item, owners in brackets; it ends at a blank line.
    name: 'action numbered by its item',
    match: (_r, line) => ACTION_REFERENCE.exec(line.text),
    apply(r, line, [, reference, rest = '']) {
      r.closeParagraphs();
      r.explicitActions = true;
      r.action = { number: null, reference, item: r.list?.item ?? r.item?.number ?? null, named: null, parts: rest ? [rest] : [], whole: true };
      if (line.emphasised) r.closeAction();
    },
  }),
  lineRule({
    name: 'action marker',
    match: (_r, line) => {
      const marker = ACTION_MARKER.exec(line.text);
      if (!marker) return null;
      // "Action 3 (open): …", "Action 3 – complete" or "Action 5: JS to … – ongoing" reviews an earlier action.
      const review =
        (marker[2] && STATUS.test(marker[2].trim())) ||
        /^(?:complete(?:d)?|closed|done|ongoing|open|in[\s-]progress|carried forward)\b/i.test(marker[3] ?? '') ||
        STATUS_AFTER.test(marker[3] ?? '');
      return !review && !PLACEHOLDER.test(line.text) ? marker : null;
    },
    apply(r, line, marker) {
      const [, num, paren, rest = ''] = marker;
      // "… and agreed it should come back in March. Action: Clerk": the tag names who does what the paragraph says.
      const tagged = !paren ? ownersOnly(rest) : null;
      if (tagged) {
        r.tagParagraph(num ? Number(num) : null, tagged, `Action: ${rest}`);
        return;
      }
      r.closeParagraphs();
      r.explicitActions = true;
      const itemRef = paren ? /^item\s+(\d+[a-z]?)$/i.exec(paren.trim()) : null;
      r.action = {
        number: num ? Number(num) : null,
        item: itemRef ? itemRef[1]! : (r.list?.item ?? r.item?.number ?? null),
        named: paren && !itemRef ? paren : null,
        parts: rest ? [rest] : [],
      };
      // "**Action - LG to update profile**": the bold says where it ends, full stop or not.
      if (line.emphasised) r.closeAction();
    },
  }),
  lineRule({
    // "[JS] to circulate the revised terms …", "(Clerk) will write …": the owner in brackets before the verb.
    name: 'owner in brackets before the verb',
    match: (r, line) => {
      const lead = /^[[(]([^[\]()]{1,40})[\])]\s+(?:to|will|is\s+to|are\s+to|agreed\s+to)\s+\p{Ll}/u.exec(line.text);
      return lead && !r.list && bracketOwners(lead[1]!, () => false) ? lead[1]! : null;
    },
    apply(r, line, owner) {
      r.closeParagraphs();
      r.explicitActions = true;
      r.action = { number: null, item: r.item?.number ?? null, named: owner, parts: [line.text] };
    },
  }),
  lineRule({
    name: 'list entry',
    match: (r, line) => (r.list && startsEntry(line) ? r.list : null),
    apply(r, line, list) {
      // The first line of a list says whether its entries are bulleted or numbered, or are paragraphs.
      list.bullets ??= true;
      const listNumber = LIST_NUMBER.exec(line.text);
      r.closeAction();
      r.explicitActions = true;
      r.action = { number: listNumber ? Number(listNumber[1]) : null, item: list.item, named: null, parts: [listNumber ? listNumber[2]! : line.text] };
    },
  }),
  lineRule({
    name: 'list entry continued',
    match: (r, line) => (r.list && r.action && !r.blank && (r.list.bullets || /^\p{Ll}/u.test(line.text)) ? { list: r.list, action: r.action } : null),
    apply(_r, line, { list, action }) {
      list.bullets ??= false;
      action.parts.push(line.text);
    },
  }),
  lineRule({
    // Entries written as paragraphs; in a section of actions ("## Actions"), even after a blank line.
    name: 'list paragraph',
    match: (r) => (r.list && (!r.blank || r.list.section) ? r.list : null),
    apply(r, line, list) {
      list.bullets ??= false;
      r.closeAction();
      r.explicitActions = true;
      r.action = { number: null, item: list.item, named: null, parts: [line.text] };
    },
  }),
  lineRule({
    // Until a blank line after the end of a sentence; a numbered paragraph or a bullet starts something new.
    name: 'action continued',
    match: (r, line) => {
      if (r.list || !r.action || (r.action.whole && r.blank)) return null;
      // The last part says whether the action so far ends a sentence (joining every part, each line, is quadratic).
      const last = r.action.parts[r.action.parts.length - 1] ?? '';
      return (!r.blank || !endsSentence(last) || !last) && !PARA_NUMBER.test(line.text) && !line.bullet ? r.action : null;
    },
    apply(_r, line, action) {
      action.parts.push(line.text);
    },
  }),
  lineRule({
    // A bullet or a heading starts a paragraph as a number does.
    name: 'numbered paragraph',
    match: (_r, line) => {
      const numbered = PARA_NUMBER.exec(line.text);
      return numbered || line.bullet || line.heading > 0 ? { numbered } : null;
    },
    apply(r, line, { numbered }) {
      r.endActions();
      r.closeParagraph();
      r.para = numbered
        ? { number: numbered[1] ?? numbered[3]!, parts: [numbered[2] ?? numbered[4]!] }
        : { number: null, parts: [line.text], ...(line.bullet ? { bullet: true } : {}) };
    },
  }),
  lineRule({
    // Paragraphs broken across blank lines (text from PDF or .docx) are joined until a sentence ends.
    name: 'paragraph continued',
    // A bullet's text goes on after a blank line only in lower case: "Mastodon: 124", blank, "This was agreed" are two.
    match: (r, line) =>
      r.para && (!r.blank || (!endsSentence(r.para.parts[r.para.parts.length - 1] ?? '') && (!r.para.bullet || /^\p{Ll}/u.test(line.text)))) ? r.para : null,
    apply(r, line, para) {
      r.endActions();
      r.entryStarts(line.text);
      para.parts.push(line.text);
    },
  }),
  lineRule({
    name: 'paragraph',
    match: () => true,
    apply(r, line) {
      r.endActions();
      r.closeParagraph();
      r.para = { number: null, parts: [line.text] };
    },
  }),
];

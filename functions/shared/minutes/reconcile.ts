import { findTime, meetingFrom, nextMeetingFrom } from './dates';
import { dueCell, dueOf } from './due-dates';
import { ownersOf } from './owners';
import { peopleFromList } from './people';
import type { MinutesReader, PendingAction } from './reader';
import { clean, shortly, words } from './text';
import type { MinutesAction, MinutesOutline, ParsedMinutes } from './types';

/**
 * What the reader read, made into the parser's answer: the meeting from the heading, apologies and the end
 * time from the text of the items, each action's owners and deadline, one action for the copies of it in a
 * closing summary, and the flags for whatever could not be settled.
 */
export function reconcile(reader: MinutesReader): { parsed: ParsedMinutes; outline: MinutesOutline } {
  const flags = [...reader.flags];
  const meeting = meetingFrom(reader.header);
  const allParagraphs = [...reader.preamble, ...reader.items.flatMap((i) => i.paragraphs)];
  if (reader.people.apologies.length === 0) {
    // "Apologies were received from A and B." inside an item's text.
    for (const p of allParagraphs) {
      const from = /\bapologies(?:\s+for\s+absence)?\s+(?:were|had been|have been)\s+(?:received|noted|given|tendered)\s+from\s+(.+?)(?:\.(?:\s|$)|$)/i.exec(
        p.text,
      );
      if (from) reader.people.apologies.push(...peopleFromList(from[1]!, null));
    }
  }
  const endTime = allParagraphs.map((p) => /\bmeeting\s+(?:finished|closed|ended|concluded)\s+at\s+(.+)$/i.exec(p.text)).find(Boolean);
  if (endTime) meeting.endTime = findTime(endTime[1]!)?.hhmm ?? null;

  const { actions, outlined, notes } = mergeActions(reader.rawActions, meeting.date);
  flags.push(...actionFlags(actions, notes, meeting.date));

  const agreed = allParagraphs.find((p) =>
    /\bminutes\b.*\b(?:agreed|approved|accepted|confirmed|signed)\b|\b(?:agreed|approved|accepted|signed)\b.*\bminutes\b/i.test(p.text),
  );
  const previousMinutesAgreed = agreed ? !/\bnot\s+(?:been\s+)?(?:agreed|approved|accepted|confirmed|signed)\b/i.test(agreed.text) : null;
  if (previousMinutesAgreed === null) flags.push("The minutes do not say whether the last meeting's minutes were agreed.");

  const nextMeeting = reader.next ? nextMeetingFrom(reader.next.text, meeting.date) : null;
  if (!nextMeeting) flags.push('The minutes do not give the date of the next meeting.');
  else if (!nextMeeting.date) flags.push(`The next meeting's date is not set ("${reader.next!.text}").`);
  else if (meeting.date && nextMeeting.date <= meeting.date) flags.push(`The next meeting (${nextMeeting.date}) is not after this one (${meeting.date}).`);

  if (!meeting.date) flags.push("The meeting's date was not found in the heading.");
  if (!meeting.time) flags.push("The meeting's time was not found in the heading.");
  if (reader.items.length === 0) flags.push('No agenda items were found.');
  if (!reader.sawAttendance) flags.push('No attendance list (Present, Apologies, Officers) was found.');
  else if (reader.people.present.length === 0) flags.push('Nobody is listed as present.');

  const parsed: ParsedMinutes = {
    meeting,
    present: reader.people.present,
    apologies: reader.people.apologies,
    officers: reader.people.officers,
    presenting: reader.people.presenting,
    inAttendance: reader.people.inAttendance,
    items: reader.items,
    actions,
    previousMinutesAgreed,
    nextMeeting,
    flags,
  };
  const outline: MinutesOutline = {
    items: reader.items.map((item, i) => ({ number: item.number, title: item.title, ...reader.itemLines[i]! })),
    paragraphs: reader.paragraphLines,
    actions: outlined,
    closings: reader.closings,
  };
  return { parsed, outline };
}

/**
 * Each action's item, owners and deadline read from its text. A closing summary repeats actions minuted under
 * their items: the copies are one action, with what each copy adds, and one group in the outline.
 */
function mergeActions(
  rawActions: readonly PendingAction[],
  meetingDate: string | null,
): { actions: MinutesAction[]; outlined: MinutesOutline['actions']; notes: Map<MinutesAction, string> } {
  const actions: MinutesAction[] = [];
  const outlined: MinutesOutline['actions'] = [];
  const notes = new Map<MinutesAction, string>();
  const keyOf = (t: string) =>
    ` ${t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()} `;
  for (const raw of rawActions) {
    const text = clean(raw.parts.join(' '));
    const itemRef = /^\(?item\s+(\d+[a-z]?)\)?\s*[:\-–—]?\s*|\(item\s+(\d+[a-z]?)\)/i.exec(text);
    const due = raw.due !== undefined ? dueCell(raw.due, meetingDate) : dueOf(text, meetingDate);
    const action: MinutesAction = {
      number: raw.number,
      item: itemRef ? (itemRef[1] ?? itemRef[2]!) : raw.item,
      owners: ownersOf(text.replace(/^\(?item\s+\d+[a-z]?\)?\s*[:\-–—]?\s*/i, ''), raw.named),
      text,
      due: due.due,
    };
    const key = keyOf(text);
    const same = actions.find((a) => {
      const k = keyOf(a.text);
      return words(key).length >= 3 && words(k).length >= 3 && (k.includes(key) || key.includes(k));
    });
    outlined.push({
      number: raw.number,
      item: action.item,
      group: same ? actions.indexOf(same) : actions.length,
      first: raw.first ?? -1,
      last: raw.last ?? -1,
    });
    if (same) {
      same.number ??= action.number;
      same.item ??= action.item;
      same.due ??= action.due;
      if (same.owners.length === 0) same.owners = action.owners;
      continue;
    }
    actions.push(action);
    if (due.note) notes.set(action, due.note);
  }
  return { actions, outlined, notes };
}

/** What the secretariat should check about the actions: no owner, a deadline to confirm or before the meeting, their numbering. */
function actionFlags(actions: readonly MinutesAction[], notes: ReadonlyMap<MinutesAction, string>, meetingDate: string | null): string[] {
  const flags: string[] = [];
  for (const action of actions) {
    const which = action.number !== null ? `Action ${action.number}` : `The action "${shortly(action.text)}"${action.item ? ` (item ${action.item})` : ''}`;
    if (action.owners.length === 0) flags.push(`${which} names no owner${action.number !== null ? `: "${shortly(action.text)}"` : ''}.`);
    const note = notes.get(action);
    if (note) flags.push(`${which}: ${note}.`);
    if (action.due && action.due !== 'next meeting' && meetingDate && action.due < meetingDate)
      flags.push(`${which} is due on ${action.due}, before the meeting.`);
  }
  const numbers = actions.flatMap((a) => (a.number === null ? [] : [a.number]));
  const repeated = [...new Set(numbers.filter((n, i) => numbers.indexOf(n) !== i))];
  if (repeated.length) flags.push(`Action numbers used twice: ${repeated.join(', ')}.`);
  const max = Math.max(0, ...numbers);
  const skipped = Array.from({ length: max }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
  if (skipped.length && numbers.length) flags.push(`Action numbers skip ${skipped.join(', ')}.`);
  return flags;
}

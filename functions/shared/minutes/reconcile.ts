import { findDate, findTime, meetingFrom, nextMeetingFrom } from './dates';
import { dueCell, dueOf } from './due-dates';
import { ownersOf, splitActions } from './owners';
import { peopleFromList } from './people';
import type { MinutesReader, PendingAction } from './reader';
import { decisionsIn, proseActions, sentences } from './prose';
import { rosterOf, type Roster } from './roster';
import { clean, shortly, words } from './text';
import type { MinutesAction, MinutesDecision, MinutesOutline, NextMeeting, ParsedMinutes } from './types';

/** What the parser reads beyond `ParsedMinutes`: the decisions, and how the owners stand against the attendance. */
export interface MinutesReading {
  parsed: ParsedMinutes;
  outline: MinutesOutline;
  decisions: MinutesDecision[];
  /** Owners to map to people: not in the attendance (a body, a group, initials no one has), or sent apologies. */
  ownerChecks: string[];
}

/**
 * What the reader read, made into the parser's answer: the meeting from the heading, apologies and the end
 * time from the text of the items, each action's owners and deadline, one action for the copies of it in a
 * closing summary, and the flags for whatever could not be settled.
 */
export function reconcile(reader: MinutesReader): MinutesReading {
  const flags = [...reader.flags];
  const meeting = meetingFrom(reader.header);
  const allParagraphs = [...reader.preamble, ...reader.items.flatMap((i) => i.paragraphs)];
  if (reader.people.apologies.length === 0) {
    // "Apologies were received from A and B." inside an item's text.
    for (const p of allParagraphs)
      for (const sentence of sentences(p.text)) {
        const from = /\bapologies(?:\s+for\s+absence)?\s+(?:(?:were|had been|have been)\s+)?(?:received|noted|given|tendered)\s+from\s+(.+)$/i.exec(sentence);
        if (from) reader.people.apologies.push(...peopleFromList(from[1]!.replace(/\.$/, ''), null));
      }
  }
  const endTime = allParagraphs.map((p) => /\bmeeting\s+(?:finished|closed|ended|concluded)\s+at\s+(.+)$/i.exec(p.text)).find(Boolean);
  if (endTime) meeting.endTime = findTime(endTime[1]!)?.hhmm ?? null;

  const roster = rosterOf(
    [...reader.people.present, ...reader.people.officers, ...reader.people.presenting, ...reader.people.inAttendance],
    reader.people.apologies,
  );
  // Minutes that mark no action write them as undertakings ("Nick will check …"): read those, beside any owner in the margin.
  const prose = reader.explicitActions
    ? []
    : proseActions(
        reader.items,
        roster,
        reader.rawActions.map((a) => clean(a.parts.join(' '))),
      );
  const { actions, outlined, notes } = mergeActions([...reader.rawActions, ...prose], meeting.date, roster);
  if (prose.length)
    flags.push(`${prose.length} action${prose.length === 1 ? ' is' : 's are'} read from running text ("… will …"), as the minutes mark none: check them.`);
  flags.push(...actionFlags(actions, notes, meeting.date));

  const agreed = allParagraphs.find((p) =>
    /\bminutes\b.*\b(?:agreed|approved|accepted|confirmed|signed)\b|\b(?:agreed|approved|accepted|signed)\b.*\bminutes\b/i.test(p.text),
  );
  const previousMinutesAgreed = agreed ? !/\bnot\s+(?:been\s+)?(?:agreed|approved|accepted|confirmed|signed)\b/i.test(agreed.text) : null;
  if (previousMinutesAgreed === null) flags.push("The minutes do not say whether the last meeting's minutes were agreed.");

  const nextMeeting = reader.next ? nextMeetingFrom(reader.next.text, meeting.date) : nextMeetingElsewhere(reader, meeting.date, flags);
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
  const decisions = [
    ...reader.preamble.flatMap((p) => decisionsIn(p.text, null)),
    ...reader.items.flatMap((i) => i.paragraphs.flatMap((p) => decisionsIn(p.text, i.number))),
    ...reader.decisions,
    // "Agreed that it would be at similar date next year": the announcement of the next meeting may decide it.
    ...(reader.next ? decisionsIn(reader.next.text, null) : []),
  ];
  return { parsed, outline, decisions, ownerChecks: ownerChecks(actions, roster) };
}

/**
 * The next meeting where the minutes give it without announcing it: in the text of an item "Next meeting", or as the
 * date the chair signs these minutes at. Flagged, as it is read from prose.
 */
function nextMeetingElsewhere(reader: MinutesReader, meetingDate: string | null, flags: string[]): NextMeeting | null {
  const item = reader.items.find((i) => /\bnext\s+(?:[\w-]+\s+){0,2}?(?:meeting|agm)\b/i.test(i.title));
  const text = item?.paragraphs.map((p) => p.text).join(' ') ?? '';
  const dated = item ? findDate(text, meetingDate) : null;
  if (item && dated?.iso) {
    const time = findTime(text.slice(dated.index));
    const venue = /\b(?:in|at)\s+(\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3})/u.exec(text)?.[1] ?? null;
    flags.push(`The next meeting's date is read from the text of item ${item.number} ("${shortly(text)}"): check it.`);
    return { date: dated.iso, time: time?.hhmm ?? null, venue };
  }
  if (reader.signedOn) {
    const signed = nextMeetingFrom(reader.signedOn, meetingDate);
    if (signed.date && (!meetingDate || signed.date > meetingDate)) {
      flags.push(`The next meeting's date is read from the chair's signature line ("${reader.signedOn}"): check it.`);
      return { date: signed.date, time: null, venue: null };
    }
  }
  return null;
}

/** The owners the secretariat should map to people: not in the attendance, or among the apologies. */
function ownerChecks(actions: readonly MinutesAction[], roster: Roster): string[] {
  const checks: string[] = [];
  const seen = new Set<string>();
  for (const a of actions)
    for (const owner of a.owners) {
      if (seen.has(owner)) continue;
      seen.add(owner);
      const person = roster.find(owner.replace(/\s*\([^)]*\)\s*$/, ''));
      if (!person) checks.push(`"${owner}" is not in the attendance lists: map it to the people who will do the action.`);
      else if (roster.absent(person)) checks.push(`"${owner}" (${person.name}) sent apologies for this meeting.`);
    }
  return checks;
}

/**
 * Each action's item, owners and deadline read from its text. A closing summary repeats actions minuted under
 * their items: the copies are one action, with what each copy adds, and one group in the outline.
 */
function mergeActions(
  rawActions: readonly PendingAction[],
  meetingDate: string | null,
  roster: Roster,
): { actions: MinutesAction[]; outlined: MinutesOutline['actions']; notes: Map<MinutesAction, string> } {
  const actions: MinutesAction[] = [];
  const outlined: MinutesOutline['actions'] = [];
  const notes = new Map<MinutesAction, string>();
  const keys: string[] = [];
  const keyOf = (t: string) =>
    ` ${t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()} `;
  const known = (o: string) => roster.find(o) !== null;
  // "Action: JS to circulate the terms; KM to book the room.": one action each, the number staying with the first.
  const separate = rawActions.flatMap((raw) =>
    raw.owners || raw.named !== null
      ? [raw]
      : splitActions(clean(raw.parts.join(' ')), known).map((part, i) =>
          i === 0 ? { ...raw, parts: [part] } : { ...raw, number: null, reference: undefined, parts: [part] },
        ),
  );
  for (const raw of separate) {
    const text = clean(raw.parts.join(' '));
    const itemRef = /^\(?item\s+(\d+[a-z]?)\)?\s*[:\-–—]?\s*|\(item\s+(\d+[a-z]?)\)/i.exec(text);
    const due = raw.due !== undefined ? dueCell(raw.due, meetingDate) : dueOf(text, meetingDate);
    const action: MinutesAction = {
      number: raw.number,
      ...(raw.reference ? { reference: raw.reference } : {}),
      item: itemRef ? (itemRef[1] ?? itemRef[2]!) : raw.item,
      owners: raw.owners ?? ownersOf(text.replace(/^\(?item\s+\d+[a-z]?\)?\s*[:\-–—]?\s*/i, ''), raw.named, known),
      text,
      due: due.due,
    };
    const key = keyOf(text);
    const enough = words(key).length >= 3;
    const same = actions.find((a, i) => {
      // Two actions numbered apart are two, however alike their words ("05-02" and "05-03").
      if (a.reference !== undefined && action.reference !== undefined) return a.reference === action.reference;
      const k = keys[i]!;
      // A copy in a closing summary is about as long as the action: comparing texts of very different length
      // would only cost time (quadratic on hostile input), never find a copy.
      if (!enough || k.length > 4 * key.length || key.length > 4 * k.length) return false;
      return words(k).length >= 3 && (k.includes(key) || key.includes(k));
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
    keys.push(key);
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

import { parseMinutes } from '../minutes';
import type { MattersArising } from './agenda';
import { isDeclarationsItem, minutesDeclarations } from './interests';
import { urgentItemMinutes } from './late-items';
import type { AttendanceRecord } from './attendance';
import { attendanceRoster } from './attendance-report';
import type { AgendaItem, ExtractedAction, Member } from './types';

/**
 * The minutes draft in the house style of the boards we serve (see the London Crime Reduction Board
 * minutes): heading, Present / Apologies / Officers, then "ITEM n. Title" with placeholders, actions
 * written as "Action: <owner> to <what>", and the date of the next meeting.
 */
export function draftMinutes(input: {
  boardName: string;
  meetingWhen: string;
  venue: string;
  members: readonly Member[];
  apologies: readonly string[];
  /** Who came in a member's place, by the absent member's id, as they wrote it with their apologies. */
  substitutes?: ReadonlyMap<string, string>;
  items: readonly AgendaItem[];
  /** What the agenda reported on earlier actions; written so that the parser does not take them for new actions. */
  mattersArising: Pick<MattersArising, 'openLines' | 'closedLines'>;
  presenterName: (memberId: string | undefined) => string | undefined;
  /** "Wednesday 9 June 2027 at 14:00" when known (a later cycle, or the board's rhythm); a placeholder otherwise. */
  nextMeeting?: string;
  /** Declarations of interest made before the meeting, one line each (interests.ts `declarationLines`). */
  declarations?: readonly string[];
  /** The secretariat's record of who attended: when there is one, the attendance lists come from it, not the apologies. */
  attendance?: AttendanceRecord;
}): string {
  const absent = new Set(input.apologies);
  const line = (m: Member) => `${m.name}\t${m.roles.includes('chair') ? 'Chair' : m.organisation}`;
  const present = input.members.filter((m) => !absent.has(m.memberId) && !m.roles.includes('officer') && !m.roles.includes('secretariat'));
  const officers = input.members.filter((m) => !absent.has(m.memberId) && (m.roles.includes('officer') || m.roles.includes('secretariat')));
  const apologies = input.members.filter((m) => absent.has(m.memberId));
  const out: string[] = [input.boardName, '', 'Minutes of Meeting', '', `${input.meetingWhen} ${input.venue}`, ''];
  if (input.attendance) out.push(...attendanceRoster(input.members, input.attendance));
  else out.push('Present', '');
  const substitute = (m: Member) => input.substitutes?.get(m.memberId)?.replace(/\s+/g, ' ').trim();
  // A substitute sits with those present, for the member they stand in for.
  const standingIn = apologies.flatMap((m) => {
    const name = substitute(m);
    return name ? [`${name}\t${m.organisation} (for ${m.name})`] : [];
  });
  if (!input.attendance) out.push(...present.map(line), ...standingIn, '');
  if (apologies.length && !input.attendance)
    out.push('Apologies', '', ...apologies.map((m) => (substitute(m) ? `${line(m)} (represented by ${substitute(m)})` : line(m))), '');
  if (officers.length && !input.attendance) out.push('Officers', '', ...officers.map((m) => `${m.name}\t${m.organisation}`), '');
  for (const item of input.items) {
    const presenter = input.presenterName(item.presenterMemberId);
    out.push(`ITEM ${item.number}. ${item.title}`, '');
    if (presenter) out.push(`Presented by ${presenter}.`, '');
    if (input.declarations && isDeclarationsItem(item)) out.push(...minutesDeclarations(input.declarations).flatMap((l) => [l, '']));
    out.push(...urgentItemMinutes(item));
    if (item.source === 'matters-arising' || /matters arising/i.test(item.title)) {
      const { openLines, closedLines } = input.mattersArising;
      if (openLines.length === 0) out.push('There were no outstanding actions.', '');
      for (const line of openLines) out.push(`Update on ${lowerFirst(line)}`, '');
      for (const line of closedLines) out.push(`Completed since the last meeting: ${lowerFirst(line)}`, '');
    }
    if (NEXT_MEETING_ITEM.test(item.title)) {
      // Read back by the parser as the next meeting's date; a placeholder is flagged until it is filled in.
      out.push(`The next meeting will be held on ${input.nextMeeting ?? '[date] at [time]'}.`, '');
      continue;
    }
    out.push(`${item.number}.1 [Summary of the discussion.]`, '', 'Action: [owner] to [what, by when].', '');
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const NEXT_MEETING_ITEM = /date of (the )?next meeting/i;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The actions of a minutes text, as the register takes them: read by the minutes parser, so the
 * secretariat's saved draft and a secretariat's uploaded minutes are read the same way. Placeholder
 * lines left from the draft ("Action: [owner] to [what, by when].") are not actions.
 * @throws ValidationError when the text has no recognisable structure.
 */
export function extractActions(text: string): ExtractedAction[] {
  return parseMinutes(text)
    .actions.filter((a) => !PLACEHOLDER.test(a.text))
    .map((a) => {
      const itemNumber = a.item !== null ? Number.parseInt(a.item, 10) : Number.NaN;
      return {
        ...(a.number !== null ? { number: a.number } : {}),
        ...(a.reference !== undefined ? { reference: a.reference } : {}),
        ...(Number.isInteger(itemNumber) ? { itemNumber } : {}),
        ownersAsWritten: a.owners,
        text: a.text,
        ...(a.due ? { due: a.due } : {}),
      };
    });
}

const PLACEHOLDER = /\[(owner|what)[^\]]*\]/i;

/** Resolves owners as written to members: by name, then by organisation (its first member). */
export function resolveOwners(ownersAsWritten: readonly string[], members: readonly Member[]): string[] {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, '')
      .trim();
  const ids = new Set<string>();
  for (const owner of ownersAsWritten) {
    const o = norm(owner);
    const byName = members.find((m) => norm(m.name) === o || o.includes(norm(m.name)));
    const byOrg = members.find((m) => m.organisation && (norm(m.organisation) === o || o.includes(norm(m.organisation))));
    const hit = byName ?? byOrg;
    if (hit) ids.add(hit.memberId);
  }
  return [...ids];
}

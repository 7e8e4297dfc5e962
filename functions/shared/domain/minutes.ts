import type { Action, AgendaItem, ExtractedAction, Member } from './types';

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
  items: readonly AgendaItem[];
  openActions: readonly Action[];
  presenterName: (memberId: string | undefined) => string | undefined;
}): string {
  const absent = new Set(input.apologies);
  const line = (m: Member) => `${m.name}\t${m.roles.includes('chair') ? 'Chair' : m.organisation}`;
  const present = input.members.filter((m) => !absent.has(m.memberId) && !m.roles.includes('officer') && !m.roles.includes('secretariat'));
  const officers = input.members.filter((m) => !absent.has(m.memberId) && (m.roles.includes('officer') || m.roles.includes('secretariat')));
  const apologies = input.members.filter((m) => absent.has(m.memberId));
  const out: string[] = [input.boardName, '', 'Minutes of Meeting', '', `${input.meetingWhen} ${input.venue}`, '', 'Present', ''];
  out.push(...present.map(line), '');
  if (apologies.length) out.push('Apologies', '', ...apologies.map(line), '');
  if (officers.length) out.push('Officers', '', ...officers.map((m) => `${m.name}\t${m.organisation}`), '');
  for (const item of input.items) {
    const presenter = input.presenterName(item.presenterMemberId);
    out.push(`ITEM ${item.number}. ${item.title}`, '');
    if (presenter) out.push(`Presented by ${presenter}.`, '');
    if (item.source === 'matters-arising' || /matters arising/i.test(item.title)) {
      if (input.openActions.length === 0) out.push('There were no outstanding actions.', '');
      for (const a of input.openActions) out.push(`Action ${a.number} (${a.status}): ${a.text}`, '');
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

const ITEM_HEADING = /^\s*ITEM\s+(\d+)\b/i;
const ACTION_LINE = /^\s*Action(?:\s+(\d+))?\s*[:\-–]\s*(.+)$/i;
const PLACEHOLDER = /\[(owner|what)[^\]]*\]/i;

/**
 * Reads "Action: X to Y" lines under their ITEM headings. Owners are the words before " to " or
 * " will ", split on commas and "and"; none when the sentence names no one. Placeholder lines left
 * from the draft are skipped.
 */
export function extractActions(text: string): ExtractedAction[] {
  const actions: ExtractedAction[] = [];
  let itemNumber: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const heading = ITEM_HEADING.exec(line);
    if (heading) itemNumber = Number(heading[1]);
    const match = ACTION_LINE.exec(line);
    if (!match || PLACEHOLDER.test(line)) continue;
    const body = (match[2] ?? '').trim();
    if (/^\d+\s*\(/.test(body)) continue;
    const split = /^(.+?)\s+(?:to|will)\s+(.+)$/i.exec(body);
    const ownersPart = split?.[1] ?? '';
    const owners = ownersPart
      .replace(/^partners from\s+/i, '')
      .split(/,|\band\b/)
      .map((o) => o.trim())
      .filter((o) => o.length > 0 && o.length < 80);
    actions.push({
      ...(match[1] ? { number: Number(match[1]) } : {}),
      ...(itemNumber !== undefined ? { itemNumber } : {}),
      ownersAsWritten: split ? owners : [],
      text: body,
      ...(/next meeting/i.test(body) ? { due: 'next meeting' } : {}),
    });
  }
  return actions;
}

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

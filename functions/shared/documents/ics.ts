/**
 * iCalendar (RFC 5545) invitations for a cycle's meeting, sent as iTIP (RFC 5546) messages so that a
 * member's calendar offers Accept/Decline and later updates or a cancellation replace the same event.
 *
 * Built with the `ics` package. Two things it gets wrong are handled here rather than patched there:
 * - it folds long lines every 75 *characters*, but RFC 5545 §3.1 limits lines to 75 *octets*, so any
 *   non-ASCII text (a venue in Welsh, an accented name) produced over-long lines; the output is unfolded
 *   and refolded on octet boundaries without splitting a UTF-8 sequence;
 * - it writes a `"` inside a quoted parameter (CN) as `\"`, which RFC 5545 does not have: a strict
 *   parser ends the value there and reads the rest as more parameters. Names lose their `"` first.
 * It escapes `\ ; ,` and LF in text values, but not a lone CR, other control characters or bidi
 * overrides, so every value is cleaned before it is handed over.
 *
 * The package (with its validator, yup) is loaded on the first invitation built, not with this module:
 * a function that sends one only sometimes (a supplementary circulation sends none) does not load it.
 */
import type { EventAttributes } from 'ics';

import { ValidationError } from '../domain/errors';
import { joinUrlProblem, onlineLines } from '../domain/online-meeting';
import type { OnlineMeeting } from '../domain/types';
import { stripBidiControls, stripControlChars } from '../domain/text';

/** A person in an invitation. */
export interface CalendarPerson {
  name: string;
  email: string;
}

/** What a meeting invitation (or its cancellation) says. */
export interface MeetingInvitationInput {
  /** The cycle the meeting belongs to: the event's UID is derived from it, so every update replaces it. */
  cycleId: string;
  /**
   * Revision of the event, from 0. The caller increments it whenever the meeting changes (time, venue,
   * cancellation): calendars ignore a message whose SEQUENCE is not above the one they hold.
   */
  sequence: number;
  /** Start, as an ISO-8601 instant with `Z` or an offset (`2026-06-10T14:30:00Z`). */
  start: string;
  /** Length of the meeting; 120 when omitted. */
  durationMinutes?: number;
  /** The board's name; the event is called "<board> meeting". */
  board: string;
  /** Where the meeting is held; no LOCATION is written when it is empty. */
  venue: string;
  /** Plain text shown with the event (the agenda titles, say); line breaks are kept. */
  description?: string;
  /** The secretariat, who receives the replies. */
  organizer: CalendarPerson;
  /** The member invited. */
  attendee: CalendarPerson;
  /**
   * When this revision was issued (DTSTAMP), as an ISO instant: the caller's clock, so that the same
   * input always gives the same bytes.
   */
  issuedAt: string;
  /**
   * How to join a meeting held online or hybrid: the link becomes the event's URL (and its LOCATION when
   * there is no venue), and both go into DESCRIPTION, where every client shows them.
   */
  online?: OnlineMeeting;
}

/** File name the invitation is attached under. */
export const INVITATION_FILE_NAME = 'invite.ics';
/**
 * Content type of an invitation attachment. The `method` parameter must match the body's METHOD
 * (RFC 6047 §2.4), so a cancellation uses `CANCELLATION_CONTENT_TYPE`.
 */
export const INVITATION_CONTENT_TYPE = 'text/calendar; method=REQUEST; charset=UTF-8';
/** Content type of a cancellation attachment. */
export const CANCELLATION_CONTENT_TYPE = 'text/calendar; method=CANCEL; charset=UTF-8';

/** Default meeting length, in minutes. */
export const DEFAULT_MEETING_MINUTES = 120;

const PRODUCT_ID = '-//meeting-cycle//Meeting invitation//EN';
const UID_DOMAIN = 'meeting-cycle';
const MAX_LINE_OCTETS = 75;
/** Largest SEQUENCE RFC 5545 allows (an INTEGER). */
const MAX_SEQUENCE = 2_147_483_647;
const MINUTE_MS = 60_000;

// Control characters are removed from every value (RFC 5545's CONTROL spares only HTAB; C1 goes too).
// Line breaks in any of Unicode's spellings (VT, FF, NEL, U+2028/9: some parsers split lines on them)
// are replaced first, so the words either side stay apart.
// eslint-disable-next-line no-control-regex -- VT and FF are line breaks to some parsers
const LINE_BREAKS = /\r\n?|[\n\u000B\u000C\u0085\u2028\u2029]/g;
// An ISO instant must carry its offset: without one, Date.parse reads it in the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
// Checked before `ics` sees it: the address is written after `mailto:` unescaped, so nothing that
// could end the value (`:` `;` `,` quotes, spaces, controls) may be in it.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const CYCLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The iTIP REQUEST that invites `input.attendee` to the meeting (METHOD:REQUEST, STATUS:CONFIRMED,
 * RSVP requested). Send it again with a higher `sequence` when the meeting changes: the UID stays the
 * same, so calendars update the event instead of adding a second one.
 *
 * Attach the result as `INVITATION_FILE_NAME` with `INVITATION_CONTENT_TYPE`. CRLF line ends, lines
 * folded at 75 octets.
 *
 * @throws ValidationError for a malformed instant, address, cycle id, sequence or duration.
 */
export async function meetingInvitation(input: MeetingInvitationInput): Promise<string> {
  return build(input, 'REQUEST');
}

/**
 * The iTIP CANCEL for the same event (METHOD:CANCEL, STATUS:CANCELLED): same UID, and a `sequence`
 * above the last invitation's, or calendars ignore it. Attach it with `CANCELLATION_CONTENT_TYPE`.
 *
 * @throws ValidationError as `meetingInvitation`.
 */
export async function meetingCancellation(input: MeetingInvitationInput): Promise<string> {
  return build(input, 'CANCEL');
}

/** The event's UID: one per cycle, so every revision and the cancellation name the same event. */
export function meetingUid(cycleId: string): string {
  if (!CYCLE_ID.test(cycleId)) throw new ValidationError(`Cycle id "${oneLine(cycleId)}" cannot be used in a calendar UID.`);
  return `${cycleId}@${UID_DOMAIN}`;
}

async function build(input: MeetingInvitationInput, method: 'REQUEST' | 'CANCEL'): Promise<string> {
  const start = instant(input.start, 'start');
  const issuedAt = instant(input.issuedAt, 'issuedAt');
  const minutes = input.durationMinutes ?? DEFAULT_MEETING_MINUTES;
  if (!Number.isInteger(minutes) || minutes <= 0) throw new ValidationError(`Meeting length ${minutes} is not a positive whole number of minutes.`);
  if (!Number.isInteger(input.sequence) || input.sequence < 0 || input.sequence > MAX_SEQUENCE) {
    throw new ValidationError(`Invitation sequence ${input.sequence} is not a whole number from 0.`);
  }
  const board = oneLine(input.board);
  if (board === '') throw new ValidationError('An invitation needs the board name.');
  const joinUrl = input.online?.joinUrl === undefined ? undefined : checkedJoinUrl(input.online.joinUrl);
  const venue = oneLine(input.venue) || (joinUrl ?? '');
  const description = multiline([input.description ?? '', onlineLines(input.online).join('\n')].filter((part) => part.trim() !== '').join('\n\n'));

  // Numbers with UTC input and output: `ics` then writes `YYYYMMDDTHHMMSSZ` from the instant itself,
  // whatever the time zone of the machine running this.
  const attributes: EventAttributes & { timestamp: number } = {
    method,
    productId: PRODUCT_ID,
    uid: meetingUid(input.cycleId),
    sequence: input.sequence,
    // Not in the package's typings, but in its schema: without it DTSTAMP is "now" and the output of
    // the same input changes from call to call.
    timestamp: issuedAt,
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: start + minutes * MINUTE_MS,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${board} meeting`,
    ...(venue !== '' ? { location: venue } : {}),
    ...(description !== '' ? { description } : {}),
    ...(joinUrl ? { url: joinUrl } : {}),
    status: method === 'REQUEST' ? 'CONFIRMED' : 'CANCELLED',
    organizer: { name: paramText(input.organizer.name), email: address(input.organizer.email, 'organizer') },
    attendees: [
      method === 'REQUEST'
        ? {
            name: paramText(input.attendee.name),
            email: address(input.attendee.email, 'attendee'),
            rsvp: true,
            role: 'REQ-PARTICIPANT',
            partstat: 'NEEDS-ACTION',
          }
        : // A cancellation asks nothing of the member, so no RSVP.
          { name: paramText(input.attendee.name), email: address(input.attendee.email, 'attendee'), role: 'REQ-PARTICIPANT' },
    ],
  };

  const { createEvent } = await import('ics');
  const { error, value } = createEvent(attributes);
  if (error !== null || value === null) {
    const issues = (error as { errors?: unknown } | null)?.errors;
    throw new ValidationError(`The calendar invitation is not valid: ${error?.message ?? 'no output'}`, Array.isArray(issues) ? issues.map(String) : []);
  }
  return refold(value);
}

function instant(value: string, field: string): number {
  const epochMs = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(epochMs)) throw new ValidationError(`Invitation ${field} "${oneLine(value)}" is not an ISO-8601 instant with an offset.`);
  return epochMs;
}

/** A joining link, checked again here: URL is a URI value, written as it is, so nothing may end it early. */
function checkedJoinUrl(value: string): string {
  const why = joinUrlProblem(value);
  if (why) throw new ValidationError(`The joining link "${oneLine(value).slice(0, 100)}" cannot be put in an invitation: it ${why}.`);
  return value;
}

function address(value: string, who: string): string {
  const email = value.trim();
  if (!EMAIL.test(email)) throw new ValidationError(`The ${who}'s address "${oneLine(value)}" cannot be put in an invitation.`);
  return email;
}

/** One line of text: what SUMMARY and LOCATION may hold before `ics` escapes `\ ; ,`. */
function oneLine(value: string): string {
  return stripControlChars(stripBidiControls(value).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ')).replace(/ {2,}/g, ' ').trim();
}

/** Text whose line breaks matter; every break becomes LF, which `ics` writes as the `\n` escape. */
function multiline(value: string): string {
  return stripControlChars(stripBidiControls(value).replace(LINE_BREAKS, '\n')).trim();
}

/**
 * A parameter value (CN). RFC 5545 has no escape inside a quoted parameter and forbids `"` there, so
 * `"` becomes `'`; `; : ,` are safe because `ics` always quotes CN.
 */
function paramText(value: string): string {
  return oneLine(value).replace(/"/g, "'");
}

/**
 * Unfolds `ics`'s output and folds each line again at 75 octets (continuations start with a space, so
 * 74 octets of content), never inside a UTF-8 sequence. Unfolding first is safe: cleaned values hold
 * no CR or LF, so every CRLF followed by a space or tab is one of `ics`'s folds.
 */
function refold(text: string): string {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * Online and hybrid meetings: the joining link and dial-in text a meeting may carry, how they are
 * checked on the way in, and how every email and the calendar invitation words them.
 *
 * The link is put in an email's `href` and in an invitation's `URL`, so only an `https:` address with a
 * host and nothing that could end the value (spaces, controls, quotes, angle brackets) is accepted:
 * `javascript:`, `data:` and plain `http:` are refused. Dial-in text may run over a few lines (a number
 * and a PIN), so its line breaks are kept as LF; every other control character, and the bidi controls
 * that reorder what a reader sees, are refused.
 */
import * as z from '../validation/zod';
import { BIDI_CONTROLS } from './text';
import type { OnlineMeeting } from './types';

/** Longest joining link accepted: what every mail client and calendar keeps whole. */
export const JOIN_URL_MAX = 2000;
/** Longest dial-in text accepted: a few numbers, a conference id and a PIN. */
export const DIAL_IN_MAX = 500;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const URL_FORBIDDEN = /[\s\u0000-\u001F\u007F-\u009F"'<>\\`{}|^]/;
// Line breaks are normalised to LF first; what is left of C0 (tab aside), DEL and C1 is refused.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const DIAL_IN_FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;

/** Why `value` cannot be a meeting's joining link, or undefined when it can. */
export function joinUrlProblem(value: string): string | undefined {
  if (value.length > JOIN_URL_MAX) return `is longer than ${JOIN_URL_MAX} characters`;
  if (URL_FORBIDDEN.test(value) || BIDI_CONTROLS.test(value))
    return 'contains spaces, quotes or control characters; paste the link as the meeting service gives it';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return 'is not a web address (it should start with https://)';
  }
  if (parsed.protocol !== 'https:') return `must start with https:// (not ${parsed.protocol.replace(/:$/, '')}:)`;
  if (!parsed.hostname || !parsed.hostname.includes('.')) return 'has no host name (such as teams.microsoft.com)';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  return undefined;
}

/** Dial-in text with every line break (CRLF, a lone CR) as LF, outer space trimmed. */
export function normaliseDialIn(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Why `value` (normalised) cannot be dial-in text, or undefined when it can. */
export function dialInProblem(value: string): string | undefined {
  if (value.length > DIAL_IN_MAX) return `is longer than ${DIAL_IN_MAX} characters`;
  if (DIAL_IN_FORBIDDEN.test(value) || BIDI_CONTROLS.test(value)) return 'contains control characters (such as a tab or an invisible mark); remove them';
  return undefined;
}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A joining link as a form or the CLI gives it: blank means none. */
export const joinUrlField = z.preprocess(
  blankToUndefined,
  z.optional(
    z.string().check(
      z.trim(),
      z.superRefine((value, ctx) => {
        const why = joinUrlProblem(value);
        if (why) ctx.addIssue({ code: 'custom', message: `the joining link ${why}` });
      }),
    ),
  ),
);

/** Dial-in text as a form or the CLI gives it: blank means none; line breaks become LF. */
export const dialInField = z.preprocess(
  blankToUndefined,
  z.optional(
    z.pipe(z.string(), z.transform(normaliseDialIn)).check(
      z.superRefine((value, ctx) => {
        const why = dialInProblem(value);
        if (why) ctx.addIssue({ code: 'custom', message: `the dial-in text ${why}` });
      }),
    ),
  ),
);

/** The online part of a meeting from checked input, or undefined when it has none. */
export function onlineMeeting(input: { joinUrl?: string | undefined; dialIn?: string | undefined }): OnlineMeeting | undefined {
  const online: OnlineMeeting = { ...(input.joinUrl ? { joinUrl: input.joinUrl } : {}), ...(input.dialIn ? { dialIn: input.dialIn } : {}) };
  return online.joinUrl || online.dialIn ? online : undefined;
}

/** "In the Council Chamber and online", "Online": how a meeting's place reads in one line. */
export function meetingPlace(venue: string, online: OnlineMeeting | undefined): string {
  const place = venue.trim();
  if (!online) return place;
  return place ? `${place}, and online` : 'Online';
}

/** The lines an invitation's DESCRIPTION (or a plain-text note) gives the online meeting: link first. */
export function onlineLines(online: OnlineMeeting | undefined): string[] {
  if (!online) return [];
  return [...(online.joinUrl ? [`Join online: ${online.joinUrl}`] : []), ...(online.dialIn ? ['Dial-in:', ...online.dialIn.split('\n')] : [])];
}

/** A meeting's online part after a change that gives a new link or dial-in text; what is not given is kept. */
export function changedOnline(
  current: OnlineMeeting | undefined,
  input: { joinUrl?: string | undefined; dialIn?: string | undefined },
): { online?: OnlineMeeting } {
  const given = onlineMeeting(input);
  return given ? { online: { ...current, ...given } } : {};
}

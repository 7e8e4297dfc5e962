/** One email as the harness compares it: who got it, what for, and the Message-ID it carried. */
export interface SeenEmail {
  /** The recipient, the same in every run of a scenario (see `normaliseRecipient`). */
  to: string;
  kind: string;
  /** The subject with its dates and times replaced, so runs on different dates compare. */
  subject: string;
  messageId: string;
}

/** What a run leaves behind: its emails, the records people changed, how its execution ended. */
export interface Observation {
  emails: SeenEmail[];
  /** One line per record a person changed ("attendance: Priya Shah apologies"), as a multiset. */
  facts: string[];
  /** The execution's end: SUCCEEDED, FAILED (with its error) …, or why the drive stopped. */
  outcome: string;
  /** Whether the drive ran to the execution's end (no error, nothing left running). */
  finished: boolean;
  /** Why it stopped where it did: the drive's error, the cycle's recorded failure; empty when nothing went wrong. */
  why: string;
}

/** What one run shows against the baseline: the figures of the summary line and what they are made of. */
export interface Differences {
  duplicateEmails: number;
  lostEmails: number;
  lostUpdates: number;
  stuck: number;
  resends: number;
  /** One line per difference, for the progress output. */
  details: string[];
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const DATE = new RegExp(`\\b(?:(?:${DAYS}),? )?\\d{1,2} (?:${MONTHS})(?: \\d{4})?\\b`, 'g');
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g;
const TIME = /\b\d{1,2}:\d{2}\b/g;
const ITEM = /\bitem \d+/g;

/**
 * A subject with its dates, times and agenda item numbers replaced by placeholders: runs on different
 * dates compare, and so do runs whose proposals were numbered in another order (the title stays).
 */
export function normaliseSubject(subject: string): string {
  return subject.replace(DATE, '<date>').replace(ISO_DATE, '<date>').replace(TIME, '<time>').replace(ITEM, 'item <n>');
}

/** An address without the run's tag (`priya.shah+r12@…` → `priya.shah@…`): every run's board has the same people. */
export function normaliseRecipient(address: string): string {
  return address.toLowerCase().replace(/\+r\d+@/, '@');
}

const count = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};

const purpose = (e: SeenEmail): string => `${e.to} · ${e.kind} · ${e.subject}`;

/**
 * Compares a run with the baseline. Emails are a multiset of (recipient, kind, subject) in the run's
 * cycle: an entry of the baseline missing from the run is lost; an extra copy under another Message-ID
 * is a duplicate; the same Message-ID delivered more than once is a resend (the same email again, which
 * mail clients show once). Facts the baseline has and the run lacks are lost updates. A run whose
 * execution did not end as the baseline's did is stuck.
 */
export function compare(baseline: Observation, run: Observation): Differences {
  const details: string[] = [];
  const base = count(baseline.emails, purpose);
  const seen = count(run.emails, purpose);
  let duplicateEmails = 0;
  let lostEmails = 0;
  for (const key of new Set([...base.keys(), ...seen.keys()])) {
    const expected = new Set((base.get(key) ?? []).map((e) => e.messageId)).size;
    const got = new Set((seen.get(key) ?? []).map((e) => e.messageId)).size;
    if (got < expected) {
      lostEmails += expected - got;
      details.push(`lost email: ${key}${expected > 1 ? ` (${got} of ${expected})` : ''}`);
    } else if (got > expected && expected > 0) {
      duplicateEmails += got - expected;
      details.push(`duplicate email: ${key} (${got} different, ${expected} expected)`);
    } else if (got > expected) {
      details.push(`other email: ${key}`);
    }
  }
  let resends = 0;
  for (const [id, copies] of count(run.emails, (e) => e.messageId)) {
    if (copies.length < 2) continue;
    resends += copies.length - 1;
    details.push(`resent: ${purpose(copies[0] as SeenEmail)} ×${copies.length} (Message-ID ${id})`);
  }
  const have = count(run.facts, (f) => f);
  let lostUpdates = 0;
  for (const [fact, copies] of count(baseline.facts, (f) => f)) {
    const missing = copies.length - (have.get(fact)?.length ?? 0);
    if (missing <= 0) continue;
    lostUpdates += missing;
    details.push(`lost update: ${fact}`);
  }
  const stuck = run.finished && run.outcome === baseline.outcome ? 0 : 1;
  if (stuck) details.push(`stuck: ${run.outcome} (expected ${baseline.outcome})${run.why ? `: ${run.why}` : ''}`);
  return { duplicateEmails, lostEmails, lostUpdates, stuck, resends, details };
}

/**
 * A board's audit trail: append-only entries, each sealed with the SHA-256 of its content and carrying
 * the hash of the entry before it, so that an entry edited, deleted or moved in the table after it was
 * written breaks the chain at a place {@link verifyChain} can name.
 */
import { createHash } from 'node:crypto';

/** Who did it: a member by link, the secretariat in the console, the chair by replying, the system, an operator with the CLI. */
export interface AuditActor {
  kind: 'member' | 'secretariat' | 'chair-reply' | 'system' | 'admin';
  name?: string;
  email?: string;
}

/** The system's own steps (the workflow's tasks, emails it sends). */
export const SYSTEM: AuditActor = { kind: 'system' };

/** What happened: every state change the product makes, and every email it sends. */
export type AuditEvent =
  | { type: 'board-created'; name: string }
  | { type: 'board-changed'; settings: string[] }
  | { type: 'member-added'; memberId: string; name: string; email: string; roles: string[] }
  | { type: 'member-changed'; memberId: string; name: string; fields: string[] }
  | { type: 'member-removed'; memberId: string; name: string; reason?: string }
  | { type: 'cycle-started'; meetingDate: string; scheduledFor?: string }
  | { type: 'cycle-scheduled'; meetingDate: string; startsAt: string }
  | { type: 'next-cycle-confirmed'; meetingDate: string; after: string }
  | { type: 'meeting-moved'; from: string; to: string }
  | { type: 'cycle-cancelled'; reason?: string }
  | { type: 'cycle-resumed'; from: string }
  | { type: 'cycle-failed'; error: string }
  | { type: 'cycle-closed' }
  | { type: 'agenda-confirmed'; items: number }
  | { type: 'item-proposed'; proposalId: string; title: string }
  | { type: 'apologies-sent'; memberId: string; name: string; substitute?: string }
  | { type: 'apologies-withdrawn'; memberId: string; name: string }
  | { type: 'paper-recorded'; itemNumber: number; version: number; fileName: string }
  | { type: 'minutes-recorded'; version: number }
  | { type: 'minutes-approved'; version: number }
  | { type: 'minutes-returned'; version: number }
  | { type: 'minutes-published'; version: number }
  | { type: 'action-changed'; actionId: string; number: number; change: string }
  | {
      type: 'action-decided';
      actionId: string;
      number: number;
      request: 'due-date' | 'hand-over';
      decision: 'accepted' | 'declined';
      /** What was asked for: the proposed due date, or the member the action was to go to. */
      asked: string;
      reason?: string;
    }
  | { type: 'signed-in'; boards: string[] }
  | { type: 'email-sent'; kind: string; to: string[]; messageId: string; subject: string }
  | { type: 'interest-declared'; memberId: string; name: string; items: number[] }
  | { type: 'register-confirmed'; memberId: string; name: string; entries: number }
  | { type: 'papers-allowed'; memberId: string; name: string; itemNumber: number; reason: string }
  | { type: 'extraordinary-meeting'; meetingDate: string; reason: string; compressed: string[] }
  | { type: 'late-item-added'; lateItemId: string; title: string; reason: string }
  | { type: 'late-item-decided'; lateItemId: string; title: string; decision: 'approved' | 'refused'; reason?: string; itemNumber?: number }
  | { type: 'attendance-recorded'; version: number; present: number; apologies: number; absent: number };

/** One entry as it is stored. `seq` counts from 1 per board; `prevHash` of the first is {@link GENESIS_HASH}. */
export interface AuditEntry {
  boardId: string;
  seq: number;
  /** ISO instant. */
  at: string;
  who: AuditActor;
  what: AuditEvent;
  cycleId?: string;
  prevHash: string;
  hash: string;
}

/** What a caller appends: the trail gives the number and the hashes. `key` makes a retried append a no-op. */
export interface AuditNote {
  at: string;
  who: AuditActor;
  what: AuditEvent;
  cycleId?: string;
  /** An idempotency key: a second note with the same key on the board is not written again. */
  key?: string;
}

/** What the first entry of a board links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The value with object keys sorted at every depth and undefined properties dropped: one text per content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 (hex) of an entry's content: everything but its own hash. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { boardId, seq, at, who, what, cycleId, prevHash } = entry;
  return createHash('sha256').update(canonical({ boardId, seq, at, who, what, cycleId, prevHash }), 'utf8').digest('hex');
}

/** The entry that follows `head` (undefined for a board's first entry), sealed. */
export function sealEntry(boardId: string, note: AuditNote, head: { seq: number; hash: string } | undefined): AuditEntry {
  const { at, who, what, cycleId } = note;
  const unsealed = { boardId, seq: (head?.seq ?? 0) + 1, at, who, what, ...(cycleId ? { cycleId } : {}), prevHash: head?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: hashEntry(unsealed) };
}

const WORDS: { [T in AuditEvent['type']]: (e: Extract<AuditEvent, { type: T }>) => string } = {
  'board-created': (e) => `board created (${e.name})`,
  'board-changed': (e) => `board settings changed (${e.settings.join(', ')})`,
  'member-added': (e) => `member added: ${e.name} <${e.email}> (${e.roles.join(', ')})`,
  'member-changed': (e) => `member changed: ${e.name} (${e.fields.join(', ')})`,
  'member-removed': (e) => `member removed: ${e.name}${e.reason ? ` (${e.reason})` : ''}`,
  'cycle-started': (e) => `cycle started for the meeting on ${e.meetingDate}${e.scheduledFor ? `, to start by itself at ${e.scheduledFor}` : ''}`,
  'cycle-scheduled': (e) => `cycle for the meeting on ${e.meetingDate} scheduled to start by itself at ${e.startsAt}`,
  'next-cycle-confirmed': (e) => `next meeting confirmed for ${e.meetingDate} (after cycle ${e.after})`,
  'meeting-moved': (e) => `meeting moved from ${e.from} to ${e.to}`,
  'cycle-cancelled': (e) => `cycle cancelled${e.reason ? ` (${e.reason})` : ''}`,
  'cycle-resumed': (e) => `cycle resumed from ${e.from}`,
  'cycle-failed': (e) => `cycle failed (${e.error})`,
  'cycle-closed': () => 'cycle closed',
  'agenda-confirmed': (e) => `agenda confirmed (${e.items} items)`,
  'item-proposed': (e) => `item proposed for the agenda: "${e.title}"`,
  'apologies-sent': (e) => `apologies sent by ${e.name}${e.substitute ? `, with ${e.substitute} attending in their place` : ''}`,
  'apologies-withdrawn': (e) => `apologies withdrawn: ${e.name} is expected at the meeting`,
  'paper-recorded': (e) => `paper for item ${e.itemNumber} recorded, version ${e.version} (${e.fileName})`,
  'minutes-recorded': (e) => `minutes version ${e.version} recorded`,
  'minutes-approved': (e) => `minutes version ${e.version} approved`,
  'minutes-returned': (e) => `minutes version ${e.version} returned with changes asked for`,
  'minutes-published': (e) => `minutes version ${e.version} published`,
  'action-changed': (e) => `action ${e.number} changed: ${e.change}`,
  'action-decided': (e) =>
    `${e.request === 'due-date' ? `due date ${e.asked} for action ${e.number}` : `hand-over of action ${e.number} to ${e.asked}`} ${e.decision}` +
    (e.reason ? ` (${e.reason})` : ''),
  'signed-in': () => 'signed in to the console',
  'email-sent': (e) => `email sent: ${e.kind} to ${e.to.join(', ')}, "${e.subject}" (Message-ID ${e.messageId})`,
  'interest-declared': (e) => `${e.name} declared an interest in item${e.items.length === 1 ? '' : 's'} ${e.items.join(', ')}`,
  'register-confirmed': (e) => `${e.name} confirmed their register of interests (${e.entries} ${e.entries === 1 ? 'entry' : 'entries'})`,
  'papers-allowed': (e) => `${e.name} may have the papers of item ${e.itemNumber} despite their interest (${e.reason})`,
  'extraordinary-meeting': (e) =>
    `extraordinary meeting called at short notice for ${e.meetingDate} (${e.reason})${e.compressed.length ? `; squeezed: ${e.compressed.join(', ')}` : ''}`,
  'late-item-added': (e) => `late item added, for the chair to decide: "${e.title}" (${e.reason})`,
  'late-item-decided': (e) =>
    `late item "${e.title}" ${e.decision} by the chair${e.itemNumber ? ` as item ${e.itemNumber}` : ''}${e.reason ? ` (${e.reason})` : ''}`,
  'attendance-recorded': (e) =>
    `attendance at the meeting recorded, version ${e.version} (${e.present} present, ${e.apologies} with apologies, ${e.absent} absent)`,
};

/** The event in words, as the CLI and the console list it. */
export function describeEvent(what: AuditEvent): string {
  return (WORDS[what.type] as (e: AuditEvent) => string)(what);
}

/** Who, in words. */
export function describeActor(who: AuditActor): string {
  const named = who.name && who.email ? `${who.name} <${who.email}>` : (who.name ?? who.email);
  const role = { member: 'member', secretariat: 'secretariat', 'chair-reply': 'chair by reply', system: 'the system', admin: 'operator' }[who.kind];
  return named ? `${named} (${role})` : role;
}

/** `2027-01-13 09:00 UTC`: minutes are enough for a person to find the entry. */
const when = (at: string): string => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;

/** "Entry 14 (2027-01-13 09:00 UTC, cycle started …)". */
const named = (e: Pick<AuditEntry, 'seq' | 'at' | 'what'>): string => `Entry ${e.seq} (${when(e.at)}, ${describeEvent(e.what)})`;

/** Where a chain breaks, and how. */
export interface ChainBreak {
  problem: 'edited' | 'deleted' | 'reordered';
  /** The entry named (for `deleted`: the first missing number). */
  seq: number;
  message: string;
}

export type ChainVerdict = { intact: true; entries: number } | ({ intact: false; entries: number } & ChainBreak);

/**
 * Checks a board's whole trail, in the order the table lists it (by entry number), and names the first
 * break: an entry whose content no longer gives its hash (edited); a number missing, or a link to an
 * entry that is not the one before (deleted, or the one before was rewritten with a fresh hash); an
 * entry listed before one it follows (reordered). `head` (the trail's last number and hash, kept apart)
 * catches the last entries deleted or the last one rewritten, which no later entry links to.
 */
export function verifyChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string }): ChainVerdict {
  const broken = (b: ChainBreak): ChainVerdict => ({ intact: false, entries: entries.length, ...b });
  let previous: AuditEntry | undefined;
  for (const [index, entry] of entries.entries()) {
    const expected = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expected && entries.slice(index + 1).some((later) => later.seq < entry.seq)) {
      const earlier = entries.slice(index + 1).find((later) => later.seq < entry.seq)!;
      return broken({
        problem: 'reordered',
        seq: entry.seq,
        message: `${named(entry)} is stored before entry ${earlier.seq} (${when(earlier.at)}, ${describeEvent(earlier.what)}): the entries were reordered.`,
      });
    }
    if (hashEntry(entry) !== entry.hash) {
      return broken({ problem: 'edited', seq: entry.seq, message: `${named(entry)} was changed after it was written.` });
    }
    if (entry.seq > expected) {
      const gap = entry.seq - 1 === expected ? `Entry ${expected} is` : `Entries ${expected} to ${entry.seq - 1} are`;
      return broken({ problem: 'deleted', seq: expected, message: `${gap} missing: deleted after being written (just before ${named(entry)}).` });
    }
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      // The entry is whole, so the one it links to is not the one that was there: rewritten and resealed.
      return previous
        ? broken({
            problem: 'edited',
            seq: previous.seq,
            message: `${named(previous)} was changed after it was written (the next entry's link to it does not match).`,
          })
        : broken({ problem: 'deleted', seq: 1, message: `${named(entry)} does not link to the start of the trail: earlier entries were deleted.` });
    }
    previous = entry;
  }
  if (head && head.seq > (previous?.seq ?? 0)) {
    const first = (previous?.seq ?? 0) + 1;
    const gap = head.seq === first ? `Entry ${first} is` : `Entries ${first} to ${head.seq} are`;
    return broken({ problem: 'deleted', seq: first, message: `${gap} missing: deleted after being written (the trail had ${head.seq} entries).` });
  }
  if (head && previous && head.seq === previous.seq && head.hash !== previous.hash) {
    return broken({
      problem: 'edited',
      seq: previous.seq,
      message: `${named(previous)} was changed after it was written (the trail's last hash does not match).`,
    });
  }
  return { intact: true, entries: entries.length };
}

/** Someone running the CLI with the deployment's credentials; `by` when they said who they are. */
export const operator = (by?: string): AuditActor => ({ kind: 'admin', ...(by ? { name: by } : {}) });

/**
 * THE key design of the single DynamoDB table. Key strings are built here and nowhere else; the table
 * construct (infra/) and the local emulator setup import the attribute names from this file.
 *
 * Access patterns:
 * - board settings and members:          pk = BOARD#b, sk = META | MEMBER#m          (Query pk, begins_with sk MEMBER#)
 * - all boards:                          gsi1pk = BOARDS, gsi1sk = BOARD#b           (GSI1, on the META item)
 * - a member email's owner (uniqueness): pk = BOARD#b, sk = EMAIL#<lower-case email> (written in one transaction with the member)
 * - member ids ever used on a board:     pk = BOARD#b, sk = MEMBERID#m (written with the member, kept after removal: ids are never reused)
 * - cycles of a board:                   pk = BOARD#b, sk = CYCLE#c                  (Query pk, begins_with sk CYCLE#)
 * - a cycle by id alone:                 gsi1pk = CYCLE#c, gsi1sk = CYCLE            (GSI1)
 * - a member's apologies for a meeting:  pk = CYCLE#c, sk = ATTENDANCE#m (one per member, replaced on change)
 * - who opened the board pack:          pk = CYCLE#c, sk = OPENED#m (first and last time, count)
 * - a cycle's items, proposals, papers,
 *   minutes versions:                    pk = CYCLE#c, sk = ITEM#nnn | PROPOSAL#id | PAPER#nnn#vvvv | MINUTES#vvvv
 * - actions of a board:                  pk = BOARD#b, sk = ACTION#a; per-board counter at sk = COUNTER#action
 * - actions created from one source:     pk = BOARD#b, sk = ACTIONSOURCE#<sourceKey> (action ids in order; makes extraction idempotent)
 * - an action's history:                 pk = ACTION#a, sk = EVENT#<iso time>#<rand>
 * - actions by owner:                    gsi1pk = OWNER#m, gsi1sk = ACTION#<due>#a   (GSI1) — reserved, not written yet: an
 *                                        action has several owners and an item only one GSI1 entry, so this needs an
 *                                        index item per owner; for now owners are filtered from the board's actions
 * - a link by its token's hash:          pk = LINK#<sha256>, sk = LINK   (TTL on `expiresAtEpoch`: expiry + 90 days, so an
 *                                        expired or used link can still say so)
 * - a waiting callback's task token:     pk = WAIT#c#kind, sk = WAIT                 (also the reminder count and the last token chased)
 * - outbox claims:                       pk = OUTBOX#<key>, sk = OUTBOX  (TTL: claim + 400 days)
 * - a cycle's emails:                    gsi1pk = MAILS#c, gsi1sk = <claimedAt>#<key> (GSI1, on the claim of a cycle's key)
 * - an email by SES's message id:        pk = SENT#<provider id>, sk = SENT  (its outbox key; TTL as the claim's), for bounces
 * - the account-wide send rate:          pk = SENDRATE, sk = TICKETS (a counter) | LANE#nnn (one per send per second)
 * - a board's audit trail:              pk = AUDIT#b, sk = <entry number, 10 digits> (append-only; Query pk in order)
 * - the trail's head:                    pk = AUDITHEAD#b, sk = HEAD (last number and hash; every append writes it in
 *                                        one transaction with the entry, conditional on the number it read)
 * - an audit note's idempotency key:     pk = AUDITKEY#b, sk = <key> (written with the entry: a retried append is a no-op)
 * - a console sign-in link:             pk = SIGNIN#<sha256 of token>, sk = SIGNIN  (TTL: expiry + 1 day, so a used or
 *                                        expired link can still say so)
 * - console sign-in attempts:            pk = SIGNINRATE#<scope>, sk = <window start>  (a counter per window; TTL: window end
 *                                        + 1 day); scope = address#<sha256 of email> | client#<ip>
 * - a console session:                   pk = SESSION#<sha256 of id>, sk = SESSION  (TTL: its idle or absolute expiry)
 * - a person's console sessions:         pk = PERSON#<lower-case email>, sk = SESSION#<sha256 of id> (TTL: absolute
 *                                        expiry), written and deleted with the session, for "sign out everywhere"
 * - the console's security log:          pk = SECURITY#<yyyy-mm-dd>, sk = <iso time>#<rand>  (append-only, one partition a day)
 */
export const ATTR = {
  pk: 'pk',
  sk: 'sk',
  gsi1pk: 'gsi1pk',
  gsi1sk: 'gsi1sk',
  ttl: 'expiresAtEpoch',
} as const;

export const GSI1 = 'gsi1';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const keys = {
  boardMeta: (boardId: string) => ({ pk: `BOARD#${boardId}`, sk: 'META' }),
  /** Both GSI key attributes are needed: an item lacking the index's sort key is not in the index. */
  boardsIndex: (boardId: string) => ({ gsi1pk: 'BOARDS', gsi1sk: `BOARD#${boardId}` }),
  boardsIndexPk: 'BOARDS',
  member: (boardId: string, memberId: string) => ({ pk: `BOARD#${boardId}`, sk: `MEMBER#${memberId}` }),
  memberPrefix: 'MEMBER#',
  memberEmail: (boardId: string, email: string) => ({ pk: `BOARD#${boardId}`, sk: `EMAIL#${email.toLowerCase()}` }),
  /** Not under `memberPrefix`: `MEMBERID#` does not begin with `MEMBER#`, so listing members skips it. */
  memberIdUsed: (boardId: string, memberId: string) => ({ pk: `BOARD#${boardId}`, sk: `MEMBERID#${memberId}` }),
  cycle: (boardId: string, cycleId: string) => ({ pk: `BOARD#${boardId}`, sk: `CYCLE#${cycleId}` }),
  cycleById: (cycleId: string) => ({ gsi1pk: `CYCLE#${cycleId}`, gsi1sk: 'CYCLE' }),
  cyclePrefix: 'CYCLE#',
  cycleParts: (cycleId: string) => ({ pk: `CYCLE#${cycleId}` }),
  item: (cycleId: string, number: number) => ({ pk: `CYCLE#${cycleId}`, sk: `ITEM#${pad(number, 3)}` }),
  itemPrefix: 'ITEM#',
  proposal: (cycleId: string, proposalId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `PROPOSAL#${proposalId}` }),
  proposalPrefix: 'PROPOSAL#',
  attendance: (cycleId: string, memberId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `ATTENDANCE#${memberId}` }),
  attendancePrefix: 'ATTENDANCE#',
  packOpened: (cycleId: string, memberId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `OPENED#${memberId}` }),
  packOpenedPrefix: 'OPENED#',
  paper: (cycleId: string, itemNumber: number, version: number) => ({
    pk: `CYCLE#${cycleId}`,
    sk: `PAPER#${pad(itemNumber, 3)}#${pad(version, 4)}`,
  }),
  paperPrefix: 'PAPER#',
  paperItemPrefix: (itemNumber: number) => `PAPER#${pad(itemNumber, 3)}#`,
  minutes: (cycleId: string, version: number) => ({ pk: `CYCLE#${cycleId}`, sk: `MINUTES#${pad(version, 4)}` }),
  minutesPrefix: 'MINUTES#',
  action: (boardId: string, actionId: string) => ({ pk: `BOARD#${boardId}`, sk: `ACTION#${actionId}` }),
  actionPrefix: 'ACTION#',
  actionCounter: (boardId: string) => ({ pk: `BOARD#${boardId}`, sk: 'COUNTER#action' }),
  actionSource: (boardId: string, sourceKey: string) => ({ pk: `BOARD#${boardId}`, sk: `ACTIONSOURCE#${sourceKey}` }),
  actionByOwner: (memberId: string, due: string, actionId: string) => ({
    gsi1pk: `OWNER#${memberId}`,
    gsi1sk: `ACTION#${due}#${actionId}`,
  }),
  actionEvent: (actionId: string, at: string, nonce: string) => ({ pk: `ACTION#${actionId}`, sk: `EVENT#${at}#${nonce}` }),
  actionEventPrefix: 'EVENT#',
  actionHistory: (actionId: string) => ({ pk: `ACTION#${actionId}` }),
  link: (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  wait: (cycleId: string, kind: string) => ({ pk: `WAIT#${cycleId}#${kind}`, sk: 'WAIT' }),
  outbox: (key: string) => ({ pk: `OUTBOX#${key}`, sk: 'OUTBOX' }),
  outboxPrefix: 'OUTBOX#',
  sentMessage: (providerId: string) => ({ pk: `SENT#${providerId}`, sk: 'SENT' }),
  outboxByCycle: (cycleId: string, claimedAt: string, key: string) => ({ gsi1pk: `MAILS#${cycleId}`, gsi1sk: `${claimedAt}#${key}` }),
  sendRateTickets: { pk: 'SENDRATE', sk: 'TICKETS' },
  sendRateLane: (lane: number) => ({ pk: 'SENDRATE', sk: `LANE#${pad(lane, 3)}` }),
  auditEntry: (boardId: string, seq: number) => ({ pk: `AUDIT#${boardId}`, sk: pad(seq, 10) }),
  auditTrail: (boardId: string) => ({ pk: `AUDIT#${boardId}` }),
  auditHead: (boardId: string) => ({ pk: `AUDITHEAD#${boardId}`, sk: 'HEAD' }),
  auditKey: (boardId: string, key: string) => ({ pk: `AUDITKEY#${boardId}`, sk: key }),
  signIn: (tokenHash: string) => ({ pk: `SIGNIN#${tokenHash}`, sk: 'SIGNIN' }),
  signInAttempts: (scope: string, windowStart: string) => ({ pk: `SIGNINRATE#${scope}`, sk: windowStart }),
  session: (sessionHash: string) => ({ pk: `SESSION#${sessionHash}`, sk: 'SESSION' }),
  personSession: (email: string, sessionHash: string) => ({ pk: `PERSON#${email.toLowerCase()}`, sk: `SESSION#${sessionHash}` }),
  personSessionPrefix: 'SESSION#',
  securityEvent: (at: string, nonce: string) => ({ pk: `SECURITY#${at.slice(0, 10)}`, sk: `${at}#${nonce}` }),
  securityDay: (day: string) => ({ pk: `SECURITY#${day}` }),
  /** A member's register of interests on a board: one item, replaced on each confirmation (Query pk, begins_with INTERESTS#). */
  interestRegister: (boardId: string, memberId: string) => ({ pk: `BOARD#${boardId}`, sk: `INTERESTS#${memberId}` }),
  interestRegisterPrefix: 'INTERESTS#',
  /** A member's declaration of an interest in one item of a meeting: one per member and item (Query pk, begins_with DECLARATION#). */
  declaration: (cycleId: string, itemNumber: number, memberId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `DECLARATION#${pad(itemNumber, 3)}#${memberId}` }),
  declarationPrefix: 'DECLARATION#',
  /** A decision of the board, read from a meeting's approved minutes: one item per decision, numbered within the meeting. */
  decision: (boardId: string, cycleId: string, number: number) => ({ pk: `BOARD#${boardId}`, sk: `DECISION#${cycleId}#${String(number).padStart(4, '0')}` }),
  decisionPrefix: 'DECISION#',
} as const;

/** Key attributes stripped before a record is handed to the domain. */
export const KEY_ATTRIBUTES: readonly string[] = Object.values(ATTR);

/** Table definition shared by the CDK construct and the local emulator, so they cannot drift. */
export const TABLE_DEFINITION = {
  partitionKey: ATTR.pk,
  sortKey: ATTR.sk,
  gsi1: { name: GSI1, partitionKey: ATTR.gsi1pk, sortKey: ATTR.gsi1sk },
  ttlAttribute: ATTR.ttl,
} as const;

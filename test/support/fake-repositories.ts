import { randomBytes, randomUUID } from 'node:crypto';
import { AlreadyExistsError, NotFoundError, StaleVersionError, ValidationError } from '../../functions/shared/domain/errors';
import { newLinkEpoch } from '../../functions/shared/domain/member-identity';
import type {
  Action,
  ActionEvent,
  AgendaItem,
  Attendance,
  Board,
  Cycle,
  Member,
  MinutesVersion,
  PackOpened,
  Paper,
  Proposal,
} from '../../functions/shared/domain/types';
import type {
  ActionChange,
  ActionRepository,
  BoardRepository,
  ConsoleSession,
  CycleRepository,
  SecurityEvent,
  SecurityLog,
  SessionRepository,
  SignInRecord,
  SignInRepository,
} from '../../functions/shared/ports';
import { keys } from '../../functions/shared/table/keys';
import type { AuditNote } from '../../functions/shared/domain/audit';
import { appendToTable } from './fake-audit-trail';
import { listDecisions, putDecisions, type Decision } from './fake-decisions';

/**
 * A deep copy that drops `undefined` properties, as the document client (removeUndefinedValues) does:
 * what a core writes and what it reads back never share an object, and a field set to undefined is gone.
 */
export function stored<T>(value: T): T {
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (value instanceof Uint8Array) return new Uint8Array(value) as T;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(stored) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, stored(v)]]))) as T;
}

type Key = { pk: string; sk: string };

/**
 * One table in memory under the real keys (table/keys.ts), so that queries return the real sort-key order.
 * Every write method reads and writes with no `await` between: like a conditional write, two concurrent
 * calls cannot both act on the same read.
 */
export class MemoryTable {
  private readonly items = new Map<string, unknown>();
  private static id = (key: Key): string => `${key.pk}\u0000${key.sk}`;

  get<T>(key: Key): T | undefined {
    const item = this.items.get(MemoryTable.id(key));
    return item === undefined ? undefined : stored(item as T);
  }
  put(key: Key, item: unknown): void {
    this.items.set(MemoryTable.id(key), stored(item));
  }
  delete(key: Key): void {
    this.items.delete(MemoryTable.id(key));
  }
  /** A partition's items whose sort key starts with `prefix`, by sort key in byte order as DynamoDB sorts. */
  query<T>(pk: string, prefix = ''): T[] {
    return [...this.items]
      .map(([id, item]) => ({ sk: id.slice(id.indexOf('\u0000') + 1), pk: id.slice(0, id.indexOf('\u0000')), item }))
      .filter((e) => e.pk === pk && e.sk.startsWith(prefix))
      .sort((a, b) => Buffer.compare(Buffer.from(a.sk), Buffer.from(b.sk)))
      .map((e) => stored(e.item as T));
  }
}

/**
 * DynamoBoardRepository in memory: versioned boards, members unique by email (any case) on a board, ids
 * never reused (the `MEMBERID#` marker outlives the member), a `linkEpoch` stamped on each member added.
 */
export class InMemoryBoardRepository implements BoardRepository {
  constructor(private readonly table = new MemoryTable()) {}

  async getBoard(boardId: string): Promise<Board | undefined> {
    return this.table.get<Board>(keys.boardMeta(boardId));
  }
  /** By board id, as GSI1 (`BOARD#b`) returns them. */
  async listBoards(): Promise<Board[]> {
    return this.table.query<Board>(keys.boardsIndexPk);
  }
  async putBoard(board: Board, expectedVersion?: number, note?: AuditNote): Promise<Board> {
    const current = this.table.get<Board>(keys.boardMeta(board.boardId));
    if (expectedVersion === undefined && current) throw new AlreadyExistsError(`Board ${board.boardId} already exists.`);
    if (expectedVersion !== undefined && current?.version !== expectedVersion) {
      throw new StaleVersionError(`Board ${board.boardId} changed since version ${expectedVersion} was read.`);
    }
    if (note) appendToTable(this.table, board.boardId, note);
    const next: Board = { ...board, version: (expectedVersion ?? 0) + 1 };
    this.table.put(keys.boardMeta(board.boardId), next);
    this.table.put({ pk: keys.boardsIndexPk, sk: keys.boardsIndex(board.boardId).gsi1sk }, next);
    return stored(next);
  }
  async listMembers(boardId: string): Promise<Member[]> {
    return this.table.query<Member>(keys.boardMeta(boardId).pk, keys.memberPrefix);
  }
  async getMember(boardId: string, memberId: string): Promise<Member | undefined> {
    return this.table.get<Member>(keys.member(boardId, memberId));
  }
  async removeMember(boardId: string, memberId: string, note?: AuditNote): Promise<void> {
    const member = this.table.get<Member>(keys.member(boardId, memberId));
    if (!member) return;
    if (note) appendToTable(this.table, boardId, note);
    this.table.delete(keys.member(boardId, memberId));
    this.table.put(keys.memberIdUsed(boardId, memberId), { memberId });
    const marker = keys.memberEmail(boardId, member.email);
    if (this.table.get<{ memberId: string }>(marker)?.memberId === memberId) this.table.delete(marker);
  }
  /** All or none; the first member in order whose id, email or used id is taken is named, in that order, as the transaction reports it. */
  async addMembers(given: Member[]): Promise<void> {
    const members = given.map((m) => ({ ...m, linkEpoch: m.linkEpoch ?? newLinkEpoch() }));
    const emails = new Set<string>();
    const ids = new Set<string>();
    for (const m of members) {
      const email = `${m.boardId}\n${m.email.toLowerCase()}`;
      const id = `${m.boardId}\n${m.memberId}`;
      if (emails.has(email)) throw new AlreadyExistsError(`${m.email} appears twice among the members added.`);
      if (ids.has(id)) throw new AlreadyExistsError(`Member ${m.memberId} appears twice among the members added.`);
      emails.add(email);
      ids.add(id);
    }
    for (const m of members) {
      if (this.table.get(keys.member(m.boardId, m.memberId))) throw new AlreadyExistsError(`Member ${m.memberId} is already on board ${m.boardId}.`);
      if (this.table.get(keys.memberEmail(m.boardId, m.email))) throw new AlreadyExistsError(`${m.email} is already a member of board ${m.boardId}.`);
      if (this.table.get(keys.memberIdUsed(m.boardId, m.memberId))) {
        throw new AlreadyExistsError(`Member id ${m.memberId} was used on board ${m.boardId} before; a member id is never reused.`);
      }
    }
    for (const m of members) {
      this.table.put(keys.member(m.boardId, m.memberId), m);
      this.table.put(keys.memberEmail(m.boardId, m.email), { memberId: m.memberId });
      this.table.put(keys.memberIdUsed(m.boardId, m.memberId), { memberId: m.memberId });
    }
  }
  /** Conditional on every field the Dynamo adapter's condition compares; the email marker moves with the member. */
  async updateMember(member: Member, expected: Member): Promise<Member> {
    const key = keys.member(member.boardId, member.memberId);
    const current = this.table.get<Member>(key);
    if (!current) throw new NotFoundError(`Member ${member.memberId} is not on board ${member.boardId}.`);
    const same = (a: Member, b: Member) =>
      a.name === b.name &&
      a.email === b.email &&
      a.organisation === b.organisation &&
      a.linkEpoch === b.linkEpoch &&
      JSON.stringify(a.roles) === JSON.stringify(b.roles);
    if (!same(current, expected)) throw new StaleVersionError(`Member ${member.memberId} changed since it was read.`);
    const moved = member.email.toLowerCase() !== current.email.toLowerCase();
    const next: Member = moved && member.linkEpoch === current.linkEpoch ? { ...member, linkEpoch: newLinkEpoch() } : member;
    if (moved) {
      const marker = keys.memberEmail(member.boardId, member.email);
      if (this.table.get(marker)) throw new AlreadyExistsError(`${member.email} is already a member of board ${member.boardId}.`);
      this.table.delete(keys.memberEmail(member.boardId, current.email));
      this.table.put(marker, { memberId: member.memberId });
    }
    this.table.put(key, next);
    return stored(next);
  }
}

/** DynamoCycleRepository in memory: conditional creates, version-checked updates, numbered papers and minutes. */
export class InMemoryCycleRepository implements CycleRepository {
  /** GSI1's `CYCLE#c` entry: the board of each cycle, for lookup by cycle id alone. */
  private readonly boardOf = new Map<string, string>();

  constructor(private readonly table = new MemoryTable()) {}

  async createCycle(cycle: Cycle): Promise<void> {
    if (this.table.get(keys.cycle(cycle.boardId, cycle.cycleId))) {
      throw new AlreadyExistsError(`Cycle ${cycle.cycleId} already exists on board ${cycle.boardId}.`);
    }
    this.table.put(keys.cycle(cycle.boardId, cycle.cycleId), cycle);
    this.boardOf.set(cycle.cycleId, cycle.boardId);
  }
  async getCycle(boardId: string, cycleId: string): Promise<Cycle | undefined> {
    return this.table.get<Cycle>(keys.cycle(boardId, cycleId));
  }
  async findCycle(cycleId: string): Promise<Cycle | undefined> {
    const boardId = this.boardOf.get(cycleId);
    return boardId === undefined ? undefined : this.getCycle(boardId, cycleId);
  }
  async listCycles(boardId: string): Promise<Cycle[]> {
    return this.table.query<Cycle>(keys.boardMeta(boardId).pk, keys.cyclePrefix);
  }
  async updateCycle(boardId: string, cycleId: string, change: (c: Cycle) => Partial<Cycle>): Promise<Cycle> {
    const current = this.table.get<Cycle>(keys.cycle(boardId, cycleId));
    if (current === undefined) throw new NotFoundError(`Cycle ${cycleId} of board ${boardId} does not exist.`);
    const next: Cycle = stored({ ...current, ...change(current), boardId, cycleId, version: current.version + 1 });
    this.table.put(keys.cycle(boardId, cycleId), next);
    return stored(next);
  }
  async putItems(cycleId: string, items: AgendaItem[]): Promise<void> {
    const numbers = new Set(items.map((item) => item.number));
    if (numbers.size !== items.length) throw new ValidationError(`Agenda of cycle ${cycleId} numbers an item twice.`);
    for (const old of this.table.query<AgendaItem>(keys.cycleParts(cycleId).pk, keys.itemPrefix))
      if (!numbers.has(old.number)) this.table.delete(keys.item(cycleId, old.number));
    for (const item of items) this.table.put(keys.item(cycleId, item.number), { ...item, cycleId });
  }
  async listItems(cycleId: string): Promise<AgendaItem[]> {
    return this.table.query<AgendaItem>(keys.cycleParts(cycleId).pk, keys.itemPrefix);
  }
  async addProposal(proposal: Proposal): Promise<void> {
    const key = keys.proposal(proposal.cycleId, proposal.proposalId);
    if (this.table.get(key)) throw new AlreadyExistsError(`Proposal ${proposal.proposalId} already exists.`);
    this.table.put(key, proposal);
  }
  async listProposals(cycleId: string): Promise<Proposal[]> {
    return this.table.query<Proposal>(keys.cycleParts(cycleId).pk, keys.proposalPrefix);
  }
  async setAttendance(attendance: Attendance): Promise<void> {
    this.table.put(keys.attendance(attendance.cycleId, attendance.memberId), attendance);
  }
  async listAttendance(cycleId: string): Promise<Attendance[]> {
    return this.table.query<Attendance>(keys.cycleParts(cycleId).pk, keys.attendancePrefix);
  }
  async recordPackOpened(cycleId: string, memberId: string, at: string): Promise<void> {
    const key = keys.packOpened(cycleId, memberId);
    const before = this.table.get<PackOpened>(key);
    this.table.put(key, { cycleId, memberId, firstAt: before?.firstAt ?? at, lastAt: at, count: (before?.count ?? 0) + 1 });
  }
  async listPackOpens(cycleId: string): Promise<PackOpened[]> {
    return this.table.query<PackOpened>(keys.cycleParts(cycleId).pk, keys.packOpenedPrefix);
  }
  /** Papers and appendices of an item share its version numbers; a record without a kind is stored as a paper. */
  async addPaper(paper: Omit<Paper, 'version'>): Promise<Paper> {
    const latest = this.table.query<Paper>(keys.cycleParts(paper.cycleId).pk, keys.paperItemPrefix(paper.itemNumber)).at(-1);
    const next: Paper = { ...paper, kind: paper.kind ?? 'paper', version: (latest?.version ?? 0) + 1 };
    this.table.put(keys.paper(paper.cycleId, paper.itemNumber, next.version), next);
    return stored(next);
  }
  async listPapers(cycleId: string): Promise<Paper[]> {
    return this.table.query<Paper>(keys.cycleParts(cycleId).pk, keys.paperPrefix);
  }
  async addMinutes(minutes: Omit<MinutesVersion, 'version'>): Promise<MinutesVersion> {
    const next: MinutesVersion = {
      ...minutes,
      version: (this.table.query<MinutesVersion>(keys.cycleParts(minutes.cycleId).pk, keys.minutesPrefix).at(-1)?.version ?? 0) + 1,
    };
    this.table.put(keys.minutes(minutes.cycleId, next.version), next);
    return stored(next);
  }
  async getMinutes(cycleId: string, version: number): Promise<MinutesVersion | undefined> {
    return this.table.get<MinutesVersion>(keys.minutes(cycleId, version));
  }
  async latestMinutes(cycleId: string): Promise<MinutesVersion | undefined> {
    return this.table.query<MinutesVersion>(keys.cycleParts(cycleId).pk, keys.minutesPrefix).at(-1);
  }
  async listMinutes(cycleId: string): Promise<MinutesVersion[]> {
    return this.table.query<MinutesVersion>(keys.cycleParts(cycleId).pk, keys.minutesPrefix);
  }
  /** Only while the status is `expectedStatus`; an undefined field is removed, as the real update REMOVEs it. */
  async updateMinutes(cycleId: string, version: number, change: Partial<MinutesVersion>, expectedStatus: MinutesVersion['status']): Promise<MinutesVersion> {
    const current = this.table.get<MinutesVersion>(keys.minutes(cycleId, version));
    if (!current) throw new NotFoundError(`Minutes version ${version} of cycle ${cycleId} does not exist.`);
    if (current.status !== expectedStatus)
      throw new StaleVersionError(`Minutes version ${version} of cycle ${cycleId} is ${current.status}, not ${expectedStatus}.`);
    const { cycleId: _cycleId, version: _version, ...fields } = change;
    const next = stored({ ...current, ...fields });
    this.table.put(keys.minutes(cycleId, version), next);
    return stored(next);
  }
}

type NewAction = Omit<Action, 'number' | 'version' | 'actionId' | 'boardId'>;
const CHANGEABLE = ['status', 'due', 'ownerMemberIds', 'pendingDue', 'pendingDelegation'] as const;

/** DynamoActionRepository in memory: per-board numbers, one creation per source, version-checked changes. */
export class InMemoryActionRepository implements ActionRepository {
  constructor(private readonly table = new MemoryTable()) {}

  async createActions(boardId: string, sourceKey: string, actions: NewAction[]): Promise<Action[]> {
    if (actions.length > 98) throw new ValidationError(`At most 98 actions can be created from one source; got ${actions.length}.`);
    const marker = this.table.get<{ actionIds: string[] }>(keys.actionSource(boardId, sourceKey));
    if (marker) return marker.actionIds.flatMap((id) => this.table.get<Action>(keys.action(boardId, id)) ?? []);
    if (actions.length === 0) return [];
    const last = this.table.get<{ lastNumber: number }>(keys.actionCounter(boardId))?.lastNumber ?? 0;
    const fresh: Action[] = actions.map((a, i) => ({ ...a, boardId, actionId: randomUUID(), number: last + i + 1, version: 1 }));
    this.table.put(keys.actionCounter(boardId), { lastNumber: last + fresh.length });
    this.table.put(keys.actionSource(boardId, sourceKey), { actionIds: fresh.map((a) => a.actionId) });
    for (const action of fresh) this.table.put(keys.action(boardId, action.actionId), action);
    return stored(fresh);
  }
  async getAction(boardId: string, actionId: string): Promise<Action | undefined> {
    return this.table.get<Action>(keys.action(boardId, actionId));
  }
  putDecisions = (boardId: string, decisions: readonly Decision[]) => putDecisions(this.table, boardId, decisions);
  listDecisions = (boardId: string) => listDecisions(this.table, boardId);
  async listActions(boardId: string, filter: { cycleId?: string; status?: Action['status'] } = {}): Promise<Action[]> {
    return this.table
      .query<Action>(keys.boardMeta(boardId).pk, keys.actionPrefix)
      .filter((a) => (filter.cycleId === undefined || a.cycleId === filter.cycleId) && (filter.status === undefined || a.status === filter.status))
      .sort((a, b) => a.number - b.number);
  }
  async recordUpdate(boardId: string, actionId: string, expectedVersion: number, event: ActionEvent): Promise<Action> {
    return this.recordChange(boardId, actionId, expectedVersion, { status: event.status }, [event]);
  }
  async recordChange(boardId: string, actionId: string, expectedVersion: number, change: ActionChange, events: ActionEvent[], note?: AuditNote) {
    const current = this.table.get<Action>(keys.action(boardId, actionId));
    if (current === undefined) throw new NotFoundError(`Action ${actionId} of board ${boardId} does not exist.`);
    if (current.version !== expectedVersion) throw new StaleVersionError(`Action ${actionId} changed since version ${expectedVersion} was read.`);
    if (note) appendToTable(this.table, boardId, note);
    const updated: Action = { ...current, version: expectedVersion + 1 };
    for (const field of CHANGEABLE) {
      const value = change[field];
      if (value === null) Reflect.deleteProperty(updated, field);
      else if (value !== undefined) Object.assign(updated, { [field]: value });
    }
    this.table.put(keys.action(boardId, actionId), updated);
    const order = String(updated.version).padStart(8, '0');
    const nonce = randomBytes(4).toString('hex');
    events.forEach((event, i) => this.table.put(keys.actionEvent(actionId, event.at, `${order}.${i}.${nonce}`), { ...event, actionId }));
    return stored(updated);
  }
  async listEvents(actionId: string): Promise<ActionEvent[]> {
    return this.table.query<ActionEvent>(keys.actionHistory(actionId).pk, keys.actionEventPrefix);
  }
}

/** DynamoSignInRepository in memory: a link claimed once, attempts counted up to the limit and no further. */
export class InMemorySignInRepository implements SignInRepository {
  readonly records = new Map<string, SignInRecord>();
  /** Attempts by `scope#windowStart`. */
  readonly attempts = new Map<string, number>();

  async putSignIn(record: SignInRecord): Promise<void> {
    if (this.records.has(record.tokenHash)) throw new AlreadyExistsError('A sign-in link with this token already exists.');
    this.records.set(record.tokenHash, stored(record));
  }
  async getSignIn(tokenHash: string): Promise<SignInRecord | undefined> {
    const record = this.records.get(tokenHash);
    return record && stored(record);
  }
  async claimSignIn(tokenHash: string, at: string): Promise<boolean> {
    const record = this.records.get(tokenHash);
    if (!record || record.usedAt !== undefined) return false;
    this.records.set(tokenHash, { ...record, usedAt: at });
    return true;
  }
  async releaseSignIn(tokenHash: string, at: string): Promise<void> {
    const record = this.records.get(tokenHash);
    if (record?.usedAt === at) this.records.set(tokenHash, stored({ ...record, usedAt: undefined }));
  }
  async countAttempt(scope: string, windowStart: string, limit: number, _forgetAfter: string): Promise<boolean> {
    const key = `${scope}#${windowStart}`;
    const count = this.attempts.get(key) ?? 0;
    if (count >= limit) return false;
    this.attempts.set(key, count + 1);
    return true;
  }
}

/** DynamoSessionRepository in memory: sessions by hash, and each person's list of them. */
export class InMemorySessionRepository implements SessionRepository {
  readonly sessions = new Map<string, ConsoleSession>();

  async createSession(session: ConsoleSession): Promise<void> {
    if (this.sessions.has(session.sessionHash)) throw new AlreadyExistsError('A session with this id already exists.');
    this.sessions.set(session.sessionHash, stored(session));
  }
  async getSession(sessionHash: string): Promise<ConsoleSession | undefined> {
    const session = this.sessions.get(sessionHash);
    return session && stored(session);
  }
  async touchSession(sessionHash: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
    const session = this.sessions.get(sessionHash);
    if (session) this.sessions.set(sessionHash, { ...session, lastSeenAt, idleExpiresAt });
  }
  async endSession(sessionHash: string): Promise<void> {
    this.sessions.delete(sessionHash);
  }
  async endSessionsOf(email: string): Promise<number> {
    const mine = [...this.sessions.values()].filter((s) => s.email === email.toLowerCase());
    for (const session of mine) this.sessions.delete(session.sessionHash);
    return mine.length;
  }
}

/** DynamoSecurityLog in memory: append-only, listed by UTC day in time order. */
export class InMemorySecurityLog implements SecurityLog {
  readonly events: SecurityEvent[] = [];

  async record(event: SecurityEvent): Promise<void> {
    this.events.push(stored(event));
  }
  async listDay(day: string): Promise<SecurityEvent[]> {
    return this.events
      .filter((e) => e.at.startsWith(day))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map(stored);
  }
}

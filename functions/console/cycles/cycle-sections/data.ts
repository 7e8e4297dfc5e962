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
  WaitKind,
} from '../../../shared/domain/types';
import type { CoreDeps, OutboxEntry, WaitDecision } from '../../../shared/ports';

/** Actions still open, with their history: who owes an update. */
export interface OpenAction {
  action: Action;
  events: ActionEvent[];
}

/** Everything the cycle page shows, read once per request. */
export interface CycleData {
  board: Board;
  cycle: Cycle;
  cycles: Cycle[];
  members: Member[];
  items: AgendaItem[];
  proposals: Proposal[];
  papers: Paper[];
  attendance: Attendance[];
  opens: PackOpened[];
  emails: OutboxEntry[];
  waits: Partial<Record<WaitKind, { at: string; decision?: WaitDecision }>>;
  minutes: MinutesVersion | undefined;
  openActions: OpenAction[];
  now: Date;
}

const WAIT_KINDS: readonly WaitKind[] = ['agenda-confirmation', 'minutes-draft', 'chair-approval'];

/** Reads the cycle's records from the repositories, in parallel. */
export async function loadCycleData(d: CoreDeps, board: Board, cycle: Cycle, now: Date): Promise<CycleData> {
  const id = cycle.cycleId;
  const [cycles, members, items, proposals, papers, attendance, opens, emails, minutes, actions, waits] = await Promise.all([
    d.cycles.listCycles(board.boardId),
    d.boards.listMembers(board.boardId),
    d.cycles.listItems(id),
    d.cycles.listProposals(id),
    d.cycles.listPapers(id),
    d.cycles.listAttendance(id),
    d.cycles.listPackOpens(id),
    d.outbox.listForCycle(id),
    d.cycles.latestMinutes(id),
    d.actions.listActions(board.boardId),
    Promise.all(WAIT_KINDS.map(async (kind) => [kind, await d.waits.getWait(id, kind)] as const)),
  ]);
  const open = actions.filter((a) => a.status === 'open' || a.status === 'in-progress');
  const openActions = await Promise.all(open.map(async (action) => ({ action, events: await d.actions.listEvents(action.actionId) })));
  return {
    board,
    cycle,
    cycles,
    members,
    items,
    proposals,
    papers,
    attendance,
    opens,
    emails,
    waits: Object.fromEntries(waits.filter(([, w]) => w !== undefined)),
    minutes,
    openActions,
    now,
  };
}

/** A member's name, or the id when they have left the board. */
export const nameOf = (data: Pick<CycleData, 'members'>, memberId: string | undefined): string =>
  (memberId && data.members.find((m) => m.memberId === memberId)?.name) || (memberId ?? 'nobody');

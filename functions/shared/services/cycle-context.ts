import { formatBoardDate, formatBoardDateTime, formatShortDate } from '../domain/calendar';
import { NotFoundError } from '../domain/errors';
import type { Board, Cycle, Member } from '../domain/types';
import type { BoardRepository, CycleRepository } from '../ports';

/** A cycle with its board and people, and date formatting in the board's zone. */
export interface CycleContext {
  board: Board;
  cycle: Cycle;
  members: Member[];
  chair: Member | undefined;
  secretariat: Member[];
  /** "Tuesday 10 March 2015, 15:30" */
  when: (iso: string) => string;
  /** "Tuesday 10 March 2015" */
  day: (iso: string) => string;
  /** "Friday 27 February" */
  short: (iso: string) => string;
  /** The address members reply to with questions: the first secretariat member's. */
  secretariatEmail: string;
}

export async function loadCycleContext(d: { boards: BoardRepository; cycles: CycleRepository }, boardId: string, cycleId: string): Promise<CycleContext> {
  const [board, cycle, members] = await Promise.all([d.boards.getBoard(boardId), d.cycles.getCycle(boardId, cycleId), d.boards.listMembers(boardId)]);
  if (!board) throw new NotFoundError(`There is no board "${boardId}".`);
  if (!cycle) throw new NotFoundError(`Board "${boardId}" has no cycle "${cycleId}".`);
  const secretariat = members.filter((m) => m.roles.includes('secretariat'));
  return {
    board,
    cycle,
    members,
    chair: members.find((m) => m.roles.includes('chair')),
    secretariat,
    when: (iso) => formatBoardDateTime(iso, board.timeZone),
    day: (iso) => formatBoardDate(iso, board.timeZone),
    short: (iso) => formatShortDate(iso, board.timeZone),
    secretariatEmail: secretariat[0]?.email ?? '',
  };
}

/** The secretariat, or a clear failure: a board without one cannot run a cycle. */
export function requireSecretariat(ctx: CycleContext): Member[] {
  if (ctx.secretariat.length === 0) throw new NotFoundError(`Board "${ctx.board.name}" has no member with the secretariat role.`);
  return ctx.secretariat;
}

export function requireChair(ctx: CycleContext): Member {
  if (!ctx.chair) throw new NotFoundError(`Board "${ctx.board.name}" has no member with the chair role.`);
  return ctx.chair;
}

import { loadActionRegister, type RegisterEntry } from '../../admin/action-register';
import { actionFilterSlug, matchesActionFilter, readActionFilter, type ActionFilter } from '../../shared/domain/action-filters';
import { utcToZonedDate } from '../../shared/domain/calendar';
import { ValidationError } from '../../shared/domain/errors';
import type { Board, Cycle, Member } from '../../shared/domain/types';
import type { RouteContext } from '../types';

/** The register as one request asked for it: the filter, what passes it, and the board's people and meetings. */
export interface RegisterView {
  board: Board;
  filter: ActionFilter;
  /** The board's date now (`YYYY-MM-DD`): what "overdue" is measured against. */
  today: string;
  entries: RegisterEntry[];
  members: Member[];
  /** The board's cycles, latest meeting first. */
  cycles: Cycle[];
}

/** The register's base path for a board. */
export const registerPath = (board: Board): string => `/console/boards/${encodeURIComponent(board.boardId)}/actions`;

/** The filter as a query string ("" when there is none), for links that keep it. */
export function filterQuery(filter: ActionFilter): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.owner) query.set('owner', filter.owner);
  if (filter.meeting) query.set('meeting', filter.meeting);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** "rsb-actions-overdue": the export's file name without its extension. */
export const exportName = (view: RegisterView): string => {
  const slug = actionFilterSlug(view.filter);
  return `${view.board.boardId}-actions${slug ? `-${slug}` : ''}`;
};

/**
 * Reads the filter from the query string and the register through it. An owner or meeting that is not
 * the board's is refused rather than ignored, so a stale bookmark never shows a list that looks complete.
 * @throws ValidationError naming the filter that is not one of the choices
 */
export async function loadRegister(ctx: RouteContext): Promise<RegisterView> {
  const board = ctx.board!;
  const filter = readActionFilter(ctx.req.query);
  const [members, cycles] = await Promise.all([ctx.d.boards.listMembers(board.boardId), ctx.d.cycles.listCycles(board.boardId)]);
  if (filter.owner !== undefined && !members.some((m) => m.memberId === filter.owner))
    throw new ValidationError(`There is no member "${filter.owner}" on ${board.name}: choose an owner from the list.`);
  if (filter.meeting !== undefined && !cycles.some((c) => c.cycleId === filter.meeting))
    throw new ValidationError(`${board.name} has no meeting "${filter.meeting}": choose a meeting from the list.`);
  const today = utcToZonedDate(ctx.now.toISOString(), board.timeZone);
  const entries = await loadActionRegister(ctx.d, board.boardId, (a) => matchesActionFilter(a, filter, today));
  return {
    board,
    filter,
    today,
    entries,
    members: [...members].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    cycles: [...cycles].sort((a, b) => b.timeline.meeting.localeCompare(a.timeline.meeting)),
  };
}

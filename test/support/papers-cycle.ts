import { makeStartCycle } from '../../functions/admin/start-cycle';
import type { CoreDeps } from '../../functions/shared/ports';
import { makeIssueLink } from '../../functions/shared/services/issue-link';
import type { AgendaItem, Cycle, Member } from '../../functions/shared/domain/types';
import { DEMO_BOARD_ID } from '../../local/seed';

/** The demo board's presenter of the papers in {@link startPapersCycle}. */
const PRESENTER_EMAIL = 'tom.okafor@example.org';

/**
 * A cycle of the demo board meeting on 20 January 2027 with two proposed items, each expecting a paper from
 * the same presenter: item 1 titled `first`, item 2 the confidential `second`.
 */
export async function startPapersCycle(deps: CoreDeps, first: string, second: string): Promise<{ cycle: Cycle; presenter: Member }> {
  const { cycle } = await makeStartCycle(deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' });
  const presenter = (await deps.boards.listMembers(DEMO_BOARD_ID)).find((m) => m.email === PRESENTER_EMAIL)!;
  const item = (number: number, title: string, confidential: boolean): AgendaItem => ({
    cycleId: cycle.cycleId,
    number,
    title,
    purpose: 'decision',
    source: 'proposal',
    presenterMemberId: presenter.memberId,
    paperExpected: true,
    confidential,
  });
  await deps.cycles.putItems(cycle.cycleId, [item(1, first, false), item(2, second, true)]);
  return { cycle, presenter };
}

/** The presenter's upload link for `item`, as the paper request issues it: until the meeting. */
export function paperUploadLink(deps: CoreDeps, cycle: Cycle, presenter: Member, item: number): Promise<string> {
  return makeIssueLink(deps)({
    purpose: 'upload-paper',
    boardId: cycle.boardId,
    cycleId: cycle.cycleId,
    memberId: presenter.memberId,
    subject: String(item),
    expiresAt: new Date(cycle.timeline.meeting),
  });
}

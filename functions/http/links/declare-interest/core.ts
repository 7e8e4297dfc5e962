import { ValidationError } from '../../../shared/domain/errors';
import { declarationLines, readDeclarationForm, type Declaration } from '../../../shared/domain/interests';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { recordAudit } from '../../../shared/services/audit';
import type { CycleContext } from '../../../shared/services/cycle-context';

/** True once the meeting has begun: declarations are then made at the meeting and recorded in its minutes. */
export const meetingHasBegun = (cycle: CycleContext, now: Date): boolean => Date.parse(cycle.cycle.timeline.meeting) <= now.getTime();

/**
 * Records a member's declarations of interest in items of the meeting, from the form; returns what was
 * declared, in sentences. From now on a prejudicial interest in a confidential item keeps that item's
 * papers from the member (functions/http/links/view-papers/).
 * @throws ValidationError, storing nothing: after the meeting began, an item not on the agenda, a
 *   description missing or too long, or no item declared at all
 */
export async function recordDeclarations(
  d: Pick<CoreDeps, 'cycles' | 'interests' | 'clock' | 'audit'>,
  input: { cycle: CycleContext; member: Member; form: Readonly<Record<string, string>> },
): Promise<{ declared: Declaration[]; lines: string[] }> {
  const { cycle, member } = input;
  const now = d.clock.now();
  if (meetingHasBegun(cycle, now)) throw new ValidationError('The meeting has begun: declare your interest at the meeting, where the minutes record it.');
  const items = await d.cycles.listItems(cycle.cycle.cycleId);
  const given = readDeclarationForm(input.form, items);
  if (given.length === 0) throw new ValidationError('Nothing was recorded: choose the kind of interest for at least one item, and describe it.');
  const at = now.toISOString();
  const declared: Declaration[] = given.map((g) => ({ ...g, boardId: cycle.board.boardId, cycleId: cycle.cycle.cycleId, memberId: member.memberId, at }));
  await d.interests.declare(declared);
  await recordAudit(
    d,
    cycle.board.boardId,
    { kind: 'member', name: member.name, email: member.email },
    { type: 'interest-declared', memberId: member.memberId, name: member.name, items: declared.map((x) => x.itemNumber) },
    { cycleId: cycle.cycle.cycleId, key: `declaration#${cycle.cycle.cycleId}#${member.memberId}#${at}` },
  );
  return { declared, lines: declarationLines(declared, new Map([[member.memberId, 'You']]), items) };
}

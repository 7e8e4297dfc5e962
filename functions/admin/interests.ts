import * as z from '../shared/validation/zod';
import type { AuditActor } from '../shared/domain/audit';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import { declarationLine, withheldItems, type Declaration, type InterestRegister } from '../shared/domain/interests';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { recordAudit } from '../shared/services/audit';

/** The secretariat's decision to let a member have an item's papers despite their declared interest. */
export const allowPapersInput = z.object({
  boardId: ids.boardId,
  cycleId: ids.cycleId,
  memberId: z.string().check(z.trim(), z.minLength(1, 'choose the member'), z.maxLength(100)),
  itemNumber: z.coerce.number().check(z.int('give the item number'), z.gte(1), z.lte(999)),
  reason: z.string().check(z.trim(), z.minLength(3, 'say why the member may have the papers'), z.maxLength(300, 'keep the reason under 300 characters')),
  /** Who decides, as the record names them. */
  by: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});
export type AllowPapersInput = z.input<typeof allowPapersInput>;

/**
 * Lets a member have the papers of an item they declared a prejudicial interest in: from now on the
 * papers link serves them, and the decision is on the board's audit trail.
 * @throws ValidationError for bad input; NotFoundError when the member declared no interest in the item
 */
export const makeAllowPapers =
  (d: Pick<CoreDeps, 'interests' | 'boards' | 'cycles' | 'audit' | 'clock'>, who: AuditActor) =>
  async (raw: AllowPapersInput): Promise<Declaration> => {
    const input = parseOrThrow(allowPapersInput, raw, 'decision');
    const [cycle, member] = await Promise.all([d.cycles.getCycle(input.boardId, input.cycleId), d.boards.getMember(input.boardId, input.memberId)]);
    if (!cycle) throw new NotFoundError(`Board "${input.boardId}" has no cycle "${input.cycleId}".`);
    if (!member) throw new NotFoundError(`Board "${input.boardId}" has no member "${input.memberId}".`);
    const at = d.clock.now().toISOString();
    const declared = await d.interests.allowPapers(input.cycleId, input.memberId, input.itemNumber, { by: input.by, at, reason: input.reason });
    await recordAudit(
      d,
      input.boardId,
      who,
      { type: 'papers-allowed', memberId: member.memberId, name: member.name, itemNumber: input.itemNumber, reason: input.reason },
      { cycleId: input.cycleId, key: `papers-allowed#${input.cycleId}#${input.memberId}#${input.itemNumber}#${at}` },
    );
    return declared;
  };

/** One declaration as listed by the console and the CLI. */
export interface DeclarationRow {
  cycleId: string;
  meetingDate: string;
  memberId: string;
  name: string;
  itemNumber: number;
  kind: Declaration['kind'];
  description: string;
  prejudicial: boolean;
  /** True while the item's papers are withheld from the member. */
  papersWithheld: boolean;
  papersAllowed?: Declaration['papersAllowed'];
  at: string;
  /** The declaration in a sentence, as the minutes draft writes it. */
  line: string;
}

/**
 * The declarations of a board's meetings (one meeting with `cycleId`, one member with `memberId`),
 * newest meeting first, each in agenda order.
 * @throws NotFoundError for an unknown board or cycle; ValidationError for a malformed id
 */
export async function listDeclarations(
  d: Pick<CoreDeps, 'interests' | 'boards' | 'cycles'>,
  filter: { boardId: string; cycleId?: string; memberId?: string },
): Promise<DeclarationRow[]> {
  if (filter.cycleId !== undefined && !ids.cycleId.safeParse(filter.cycleId).success) throw new ValidationError(`"${filter.cycleId}" is not a cycle id.`);
  const [board, members, cycles] = await Promise.all([
    d.boards.getBoard(filter.boardId),
    d.boards.listMembers(filter.boardId),
    d.cycles.listCycles(filter.boardId),
  ]);
  if (!board) throw new NotFoundError(`There is no board "${filter.boardId}".`);
  const chosen = cycles.filter((c) => filter.cycleId === undefined || c.cycleId === filter.cycleId);
  if (filter.cycleId !== undefined && chosen.length === 0) throw new NotFoundError(`Board "${filter.boardId}" has no cycle "${filter.cycleId}".`);
  const names = new Map(members.map((m) => [m.memberId, m.name]));
  const perCycle = await Promise.all(
    chosen
      .sort((a, b) => b.timeline.meeting.localeCompare(a.timeline.meeting))
      .map(async (cycle) => {
        const [items, declarations] = await Promise.all([d.cycles.listItems(cycle.cycleId), d.interests.listDeclarations(cycle.cycleId)]);
        const byNumber = new Map(items.map((i) => [i.number, i]));
        return declarations
          .filter((x) => filter.memberId === undefined || x.memberId === filter.memberId)
          .map((x): DeclarationRow => {
            const name = names.get(x.memberId) ?? x.memberId;
            return {
              cycleId: cycle.cycleId,
              meetingDate: cycle.meeting.date,
              memberId: x.memberId,
              name,
              itemNumber: x.itemNumber,
              kind: x.kind,
              description: x.description,
              prejudicial: x.prejudicial,
              papersWithheld: withheldItems(items, [x], x.memberId).size > 0,
              ...(x.papersAllowed ? { papersAllowed: x.papersAllowed } : {}),
              at: x.at,
              line: declarationLine(x, name, byNumber.get(x.itemNumber)),
            };
          });
      }),
  );
  return perCycle.flat();
}

/** A member's register of interests, or undefined when they have none yet. */
export async function memberRegister(d: Pick<CoreDeps, 'interests'>, boardId: string, memberId: string): Promise<InterestRegister | undefined> {
  return d.interests.getRegister(boardId, memberId);
}

import * as z from '../shared/validation/zod';
import { lateItemRequestEmail } from '../emails';
import { operator, type AuditActor } from '../shared/domain/audit';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import { lateItemIdFor, lateItemRefusal, MAX_REASON_CHARS, MIN_REASON_CHARS, type LateItem } from '../shared/domain/late-items';
import { linkExpiry } from '../shared/domain/link-policy';
import type { Member } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { recordAudit } from '../shared/services/audit';
import { loadCycleContext, requireChair, type CycleContext } from '../shared/services/cycle-context';
import { makeSendWithLink } from '../shared/services/notify';
import { outboxKeys } from '../shared/table/outbox-keys';
import { actorName } from './start-cycle';

/** A late item as the secretariat adds it, from the console or the CLI. */
export const addLateItemInput = z.object({
  cycleId: ids.cycleId,
  title: z.string().check(z.trim(), z.minLength(3, 'give the item a title of at least 3 characters'), z.maxLength(200, 'keep the title under 200 characters')),
  purpose: z._default(z.enum(['decision', 'discussion', 'information']), 'decision'),
  /** A member of the board, by id or email; optional. */
  presenter: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(320))),
  confidential: z._default(z.boolean(), false),
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(MIN_REASON_CHARS, `say why it cannot wait for the next meeting, in at least ${MIN_REASON_CHARS} characters: the chair decides on it`),
      z.maxLength(MAX_REASON_CHARS, `keep the reason under ${MAX_REASON_CHARS} characters`),
    ),
});
export type AddLateItemInput = z.input<typeof addLateItemInput>;

export interface AddLateItemResult {
  item: LateItem;
  /** False when the same item (same title) was added before: that one stands, and nothing was sent again. */
  added: boolean;
  /** The chair asked to decide. */
  chair: string;
}

function presenterOf(ctx: CycleContext, presenter: string | undefined): Member | undefined {
  if (presenter === undefined) return undefined;
  const wanted = presenter.toLowerCase();
  const found = ctx.members.find((m) => m.memberId === presenter || m.email.toLowerCase() === wanted);
  if (!found) throw new ValidationError(`The presenter "${presenter}" is not a member of ${ctx.board.name}; give a member's id or email, or none.`);
  return found;
}

/**
 * Adds an item after circulation and asks the chair, by email with a single-use link, to approve or
 * refuse it as urgent business. Refused, with nothing stored, before circulation and from the meeting's
 * start on. Adding the same title again returns the item already added (a double click adds one, and the
 * chair is asked once).
 * @throws ValidationError (bad input, a presenter not on the board, the wrong moment), NotFoundError (no such cycle, no chair)
 */
export const makeAddLateItem =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'audit'>, who: AuditActor = operator()) =>
  async (raw: AddLateItemInput): Promise<AddLateItemResult> => {
    const input = parseOrThrow(addLateItemInput, raw, 'late item');
    const found = await d.cycles.findCycle(input.cycleId);
    if (!found) throw new NotFoundError(`There is no cycle "${input.cycleId}".`);
    const ctx = await loadCycleContext(d, found.boardId, found.cycleId);
    const chair = requireChair(ctx);
    const presenter = presenterOf(ctx, input.presenter);
    const now = d.clock.now();
    const lateItemId = lateItemIdFor(found.cycleId, input.title);
    const fresh: LateItem = {
      lateItemId,
      title: input.title,
      purpose: input.purpose,
      ...(presenter ? { presenterMemberId: presenter.memberId } : {}),
      confidential: input.confidential,
      reason: input.reason,
      addedBy: actorName(who),
      addedAt: now.toISOString(),
    };
    let added = false;
    const cycle = await d.cycles.updateCycle(found.boardId, found.cycleId, (c) => {
      added = false;
      if (c.lateItems?.some((l) => l.lateItemId === lateItemId)) return {};
      // Checked on the record being written: a meeting that started meanwhile stores nothing.
      const refusal = lateItemRefusal(c, now, ctx.when);
      if (refusal) throw new ValidationError(refusal);
      added = true;
      return { lateItems: [...(c.lateItems ?? []), fresh] };
    });
    const item = cycle.lateItems?.find((l) => l.lateItemId === lateItemId) ?? fresh;
    // Keyed by the item, so a retry after a failure below writes and sends what is missing, once.
    const what = { type: 'late-item-added', lateItemId, title: item.title, reason: item.reason } as const;
    await recordAudit(d, found.boardId, who, what, { cycleId: found.cycleId, key: `late-item#${lateItemId}` });
    if (!item.decision && Date.parse(cycle.timeline.meeting) > now.getTime()) {
      await makeSendWithLink(d)({
        key: outboxKeys.lateItemRequest(found.cycleId, lateItemId, chair.memberId),
        to: chair,
        kind: 'late-item-request',
        link: {
          purpose: 'decide-late-item',
          boardId: found.boardId,
          cycleId: found.cycleId,
          subject: lateItemId,
          expiresAt: linkExpiry('decide-late-item', { now, timeline: cycle.timeline }),
        },
        render: (decideUrl) =>
          lateItemRequestEmail({
            board: ctx.board.name,
            secretariatEmail: ctx.secretariatEmail,
            itemTitle: item.title,
            purpose: item.purpose,
            ...(presenter ? { presenter: presenter.name } : {}),
            reason: item.reason,
            addedBy: item.addedBy,
            meetingWhen: ctx.when(cycle.timeline.meeting),
            decideUrl,
          }),
      });
    }
    return { item, added, chair: chair.name };
  };

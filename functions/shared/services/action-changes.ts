import type { CoreDeps } from '../ports';
import type { Planned, Refusal } from '../domain/action-changes';
import { NotFoundError, StaleVersionError } from '../domain/errors';
import type { Action, ActionEvent } from '../domain/types';
import type { AuditActor, AuditNote } from '../domain/audit';
import { wakeFollowUpsAfterChange } from './follow-up';

/** Who made a change, as its history says: the secretariat, or the member (by id) on their link or by reply. */
const actorOf = (event: Pick<ActionEvent, 'by'> | undefined): AuditActor =>
  !event || event.by === 'secretariat' ? { kind: 'secretariat' } : { kind: 'member', name: event.by };

/** Attempts at a conditional write before giving up; each loser re-reads and decides again. */
const ATTEMPTS = 5;

export type ChangeResult = { action: Action; before: Action; refused?: undefined } | { action: Action; refused: Refusal };

/**
 * Reads the action, plans the change on what was read, and writes it conditional on that version. When
 * someone else wrote first, it reads again and plans again: nothing is lost, and nothing is decided on a
 * stale read (a proposal declined a moment ago cannot then be accepted). A change to what reminders
 * depend on (due date, owners, status) wakes the board's sleeping follow-up to plan its next day again.
 * @throws NotFoundError when the action is gone; StaleVersionError after repeated contention
 */
export async function changeAction(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'waits' | 'workflow' | 'clock'>,
  boardId: string,
  actionId: string,
  plan: (action: Action, at: string) => Planned,
): Promise<ChangeResult> {
  for (let attempt = 1; ; attempt++) {
    const before = await d.actions.getAction(boardId, actionId);
    if (!before) throw new NotFoundError('This action no longer exists.');
    const planned = plan(before, d.clock.now().toISOString());
    if ('refused' in planned) return { action: before, refused: planned.refused };
    try {
      const events = planned.events.map((e) => ({ ...e, actionId }));
      // The audit entry is written in the change's own transaction.
      const change = events.map((e) => `${e.kind ?? 'update'}: ${e.note}`).join('; ') || Object.keys(planned.change).join(', ');
      const what = { type: 'action-changed', actionId, number: before.number, change } as const;
      const note: AuditNote = {
        at: events[0]?.at ?? d.clock.now().toISOString(),
        who: actorOf(events[0]),
        what,
        ...(before.cycleId ? { cycleId: before.cycleId } : {}),
      };
      const action = await d.actions.recordChange(boardId, actionId, before.version, planned.change, events, note);
      if (changesReminders(before, action)) await wakeFollowUpsAfterChange(d, boardId);
      return { action, before };
    } catch (err) {
      if (!(err instanceof StaleVersionError) || attempt >= ATTEMPTS) throw err;
    }
  }
}

/** Whether the follow-up's plan may differ after the change: reminders depend on nothing else of an action. */
function changesReminders(before: Action, after: Action): boolean {
  return before.due !== after.due || before.status !== after.status || before.ownerMemberIds.join() !== after.ownerMemberIds.join();
}

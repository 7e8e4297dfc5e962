import { actionReminderEmail, followUpDigestEmail, type DigestAction, type FollowUpDigestData } from '../emails';
import {
  actionReminderPolicy,
  followUpDay,
  isDigestDay,
  isOpen,
  lastMeetingBefore,
  type OwnerDigest,
  type SecretariatDigest,
  type TrackedAction,
} from '../shared/domain/action-reminders';
import { formatCalendarDate, isCalendarDate, utcToZonedDate } from '../shared/domain/calendar';
import { loadWorkingCalendar } from '../shared/services/working-calendar';
import { fanOut } from '../shared/domain/concurrency';
import { followUpOver, type FollowUpStep } from '../shared/domain/follow-up-wake';
import { planFollowUp, wakeFollowUps } from '../shared/services/follow-up';
import { loadCycleContext, requireSecretariat, type CycleContext } from '../shared/services/cycle-context';
import { linkExpiry } from '../shared/domain/link-policy';
import { makeIssueLink } from '../shared/services/issue-link';
import { alreadySent, messageTo } from '../shared/services/notify';
import { ACTION_STATUSES, type ActionStatus } from '../shared/domain/types';
import { isOwnerUpdate } from '../shared/domain/agenda';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * One day of a cycle's action follow-up, run on each working day with something to send until it is
 * over: each owner with an action falling due or overdue gets one email listing them (a fresh update
 * link each), and on the digest day the secretariat gets the weekly digest with its escalation list.
 * Returns when the next day with work is (the follow-up sleeps until then; see services/follow-up).
 * Idempotent per board and day: two cycles following up on the same day (the handover) or a retried
 * task send nothing twice.
 */
export const makeSendActionReminders =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'outbox' | 'sendOnce' | 'links' | 'waits' | 'workflow' | 'clock' | 'config'>) =>
  async (input: CycleRef): Promise<FollowUpStep> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const { board } = ctx;
    const now = d.clock.now();
    const calendar = await loadWorkingCalendar(board.holidays);
    const policy = actionReminderPolicy(board);
    const cycles = await d.cycles.listCycles(input.boardId);
    // The later cycle reminds about every open action of the board: this one has nothing left to do.
    const over = followUpOver({ cycle: ctx.cycle, boardCycles: cycles, now, timeZone: board.timeZone, calendar, policy });
    if (over) return over;
    // This cycle now follows up every open action: an earlier cycle asleep in its follow-up wakes to close.
    await wakeFollowUps(d, input.boardId, input.cycleId);

    const today = utcToZonedDate(now.toISOString(), board.timeZone);
    const actions = await d.actions.listActions(input.boardId);
    // Only the weekly digest says when each action was last updated: other days skip the histories.
    const digestDay = isDigestDay(today, policy.digestWeekday, calendar);
    const tracked: TrackedAction[] = await Promise.all(
      actions.map(async (action): Promise<TrackedAction> => {
        if (!digestDay || !isOpen(action)) return { action };
        // An owner's update, not a due-date proposal or hand-over step, is what "no update since" means.
        const latest = (await d.actions.listEvents(action.actionId)).filter(isOwnerUpdate).at(-1);
        return latest ? { action, latest } : { action };
      }),
    );
    const minutes = await d.cycles.latestMinutes(input.cycleId);
    // Owners asked for an update today (the follow-up's first day) are not reminded on top.
    const askedToday = minutes?.approval && utcToZonedDate(minutes.approval.at, board.timeZone) === today;
    const lastMeeting = lastMeetingBefore(cycles, now);
    const plan = followUpDay({
      actions: tracked,
      today,
      policy,
      calendar,
      ...(lastMeeting ? { lastMeetingAt: lastMeeting.timeline.meeting } : {}),
      ...(askedToday ? { quiet: new Set(actions.filter((a) => a.cycleId === input.cycleId).map((a) => a.actionId)) } : {}),
    });

    const issueLink = makeIssueLink(d);
    await fanOut(plan.owners, { concurrency: d.config.sendConcurrency, label: (o) => o.memberId }, (digest) => remindOwner(d, ctx, today, digest, issueLink));
    if (plan.secretariat) {
      const email = followUpDigestEmail(digestData(ctx, today, plan.secretariat, actions, lastMeeting?.timeline.meeting, policy));
      for (const member of requireSecretariat(ctx)) {
        await d.sendOnce(outboxKeys.actionDigest(input.boardId, today, member.memberId), messageTo(member, 'follow-up-digest', email));
      }
    }
    return planFollowUp(d, board, ctx.cycle, { boardCycles: cycles, actions });
  };

async function remindOwner(
  d: Pick<CoreDeps, 'outbox' | 'sendOnce' | 'clock'>,
  ctx: CycleContext,
  today: string,
  digest: OwnerDigest,
  issueLink: ReturnType<typeof makeIssueLink>,
): Promise<void> {
  const owner = ctx.members.find((m) => m.memberId === digest.memberId);
  const key = outboxKeys.actionReminder(ctx.board.boardId, today, digest.memberId);
  // Checked before issuing links, so a retry makes none that nobody receives.
  if (!owner || (await alreadySent(d, key))) return;
  const expiresAt = linkExpiry('update-action', { now: d.clock.now() });
  const actions = await Promise.all(
    digest.reminders.map(async (r) => ({
      number: r.action.number,
      text: r.action.text,
      due: formatCalendarDate(r.due),
      why: r.why,
      overdue: r.reason.kind === 'overdue',
      updateUrl: await issueLink({
        purpose: 'update-action',
        boardId: ctx.board.boardId,
        cycleId: r.action.cycleId,
        memberId: owner.memberId,
        subject: r.action.actionId,
        expiresAt,
      }),
    })),
  );
  const email = actionReminderEmail({ board: ctx.board.name, secretariatEmail: ctx.secretariatEmail, actions });
  await d.sendOnce(key, messageTo(owner, 'action-reminder', email));
}

function digestData(
  ctx: CycleContext,
  today: string,
  digest: SecretariatDigest,
  all: readonly { status: ActionStatus }[],
  lastMeetingAt: string | undefined,
  policy: { escalateAfterDays: number; beforeDueWorkingDays: number },
): FollowUpDigestData {
  const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
  const timing = new Map<string, string>();
  for (const o of digest.overdue) timing.set(o.tracked.action.actionId, `overdue by ${o.daysOverdue} ${o.daysOverdue === 1 ? 'day' : 'days'}`);
  for (const s of digest.dueSoon) {
    timing.set(s.tracked.action.actionId, s.workingDays === 0 ? 'due today' : `due in ${s.workingDays} working ${s.workingDays === 1 ? 'day' : 'days'}`);
  }
  const row = ({ action, latest }: TrackedAction): DigestAction => ({
    number: action.number,
    text: action.text,
    owners: action.ownerMemberIds.length
      ? action.ownerMemberIds.map((id) => names.get(id) ?? id)
      : [`Unassigned (minutes say: ${action.ownersAsWritten.join(', ') || 'no one'})`],
    status: action.status,
    ...(action.due ? { due: isCalendarDate(action.due) ? formatCalendarDate(action.due) : action.due } : {}),
    ...(timing.has(action.actionId) ? { timing: timing.get(action.actionId) } : {}),
    ...(latest ? { lastUpdate: `${ctx.day(latest.at)}: ${latest.note || latest.status}` } : {}),
  });
  return {
    board: ctx.board.name,
    secretariatEmail: ctx.secretariatEmail,
    asOf: formatCalendarDate(today),
    counts: Object.fromEntries(ACTION_STATUSES.map((s) => [s, all.filter((a) => a.status === s).length])) as Record<ActionStatus, number>,
    escalate: digest.escalations.map((e) => row(e.tracked)),
    escalateAfterDays: policy.escalateAfterDays,
    overdue: digest.overdue.map((o) => row(o.tracked)),
    dueSoon: digest.dueSoon.map((s) => row(s.tracked)),
    dueSoonWorkingDays: policy.beforeDueWorkingDays,
    ...(lastMeetingAt ? { lastMeeting: ctx.day(lastMeetingAt) } : {}),
    noUpdate: digest.noUpdateSinceMeeting.map(row),
    unassigned: digest.unassigned.map(row),
    open: digest.open.map(row),
  };
}

import { cancelCycleInput, makeCancelCycle } from '../../admin/cancel-cycle';
import { consoleActor } from '../boards/audit-page';
import { makeMoveMeeting, moveMeetingInput } from '../../admin/move-meeting';
import { makeResumeCycle, resumeCycleInput } from '../../admin/resume-cycle';
import { awaitsScheduledStart } from '../../admin/start-cycle';
import { TimelineError, ValidationError } from '../../shared/domain/errors';
import { redirect } from '../../http/page';
import type { ConsoleResponse, RouteContext } from '../types';
import { cyclePage, type CycleForms } from './cycle-page';
import { fieldErrors, LABELS } from './forms';
import { noticeRuleRefusal } from './notice-rule';
import { cyclePath } from './paths';
import { meetingFields } from './start-cycle';
import { readable } from './words';

/** Who acts, as the cycle's record and the secretariat's emails name them. */
const actor = (ctx: RouteContext): string => {
  const p = ctx.principal!;
  return p.name === p.email ? p.email : `${p.name} (${p.email})`;
};

const done = (ctx: RouteContext, what: string): ConsoleResponse => redirect(`${cyclePath(ctx.board!.boardId, ctx.cycle!.cycleId)}?done=${what}`, 303);

/** The cycle page again, 422, with the refused form kept and nothing changed. */
const refuse = (ctx: RouteContext, forms: CycleForms): Promise<ConsoleResponse> => cyclePage(ctx, 422, forms);

/** A refusal by the core, as words for the form; anything else is not a refusal and goes on up. */
function refusalOf(err: unknown, explain?: () => string | undefined): { problem: string; reasonOpen?: boolean } {
  if (err instanceof TimelineError) {
    const notice = explain?.();
    return notice ? { problem: `Nothing was changed. ${notice}`, reasonOpen: true } : { problem: `Nothing was changed. ${readable(err.message)}` };
  }
  if (err instanceof ValidationError) return { problem: `Nothing was changed. ${readable(err.message)}` };
  throw err;
}

/** Moves the meeting with the CLI's core: the notice rule applies again, members are told. */
export async function moveMeeting(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const cycle = ctx.cycle!;
  const values = meetingFields(ctx.form);
  const input = { cycleId: cycle.cycleId, meetingDate: values.meetingDate ?? '', ...values };
  const parsed = moveMeetingInput.safeParse(input);
  if (!parsed.success) return refuse(ctx, { move: { values, errors: fieldErrors(parsed.error), problem: 'The meeting was not moved.' } });
  try {
    await makeMoveMeeting(ctx.d, consoleActor(ctx))(input);
  } catch (err) {
    // A cycle that has started keeps the steps it passed: only the rule is checked, not the past.
    const plannedAt = awaitsScheduledStart(cycle) ? ctx.now : new Date(0);
    const notice = err instanceof TimelineError && !parsed.data.overrideReason ? await noticeRuleRefusal(board, parsed.data, plannedAt) : undefined;
    const refusal = refusalOf(err, () => notice);
    return refuse(ctx, { move: { values, ...refusal } });
  }
  return done(ctx, 'moved');
}

/** Calls off a cycle that has not started, after the clerk confirmed it cannot be undone. */
export async function cancelCycle(ctx: RouteContext): Promise<ConsoleResponse> {
  const cycle = ctx.cycle!;
  const values = { reason: ctx.form.reason?.trim() ?? '', confirm: ctx.form.confirm ?? '' };
  const input = { cycleId: cycle.cycleId, by: actor(ctx), ...(values.reason ? { reason: values.reason } : {}) };
  const parsed = cancelCycleInput.safeParse(input);
  if (!parsed.success) return refuse(ctx, { cancel: { values, errors: fieldErrors(parsed.error), problem: 'The cycle was not cancelled.' } });
  if (values.confirm !== 'yes')
    return refuse(ctx, { cancel: { values, errors: { confirm: `Tick "${LABELS.confirm}" to cancel.` }, problem: 'The cycle was not cancelled.' } });
  try {
    await makeCancelCycle(ctx.d, consoleActor(ctx))(input);
  } catch (err) {
    return refuse(ctx, { cancel: { values, ...refusalOf(err) } });
  }
  return done(ctx, 'cancelled');
}

/** Resumes a failed cycle from the step that stopped. */
export async function resumeCycle(ctx: RouteContext): Promise<ConsoleResponse> {
  const cycle = ctx.cycle!;
  const values = { reason: ctx.form.reason?.trim() ?? '' };
  const input = { cycleId: cycle.cycleId, by: actor(ctx), ...(values.reason ? { reason: values.reason } : {}) };
  const parsed = resumeCycleInput.safeParse(input);
  if (!parsed.success) return refuse(ctx, { resume: { values, errors: fieldErrors(parsed.error), problem: 'The cycle was not resumed.' } });
  try {
    await makeResumeCycle(ctx.d, consoleActor(ctx))(input);
  } catch (err) {
    return refuse(ctx, { resume: { values, ...refusalOf(err) } });
  }
  return done(ctx, 'resumed');
}

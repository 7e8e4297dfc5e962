import { chairApprovalRequestEmail } from '../emails';
import type { CallbackInput } from '../shared/domain/callbacks';
import { loadCycleContext, requireChair } from '../shared/domain/cycle-context';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import { DAY_MS, laterOf } from '../shared/domain/issue-link';
import { makeSendWithLink } from '../shared/domain/notify';
import type { CoreDeps } from '../shared/ports';

const PREVIEW_LINES = 40;

/** Stores the task token and sends the chair this version of the minutes with an approve link. */
export const makeWaitForChairApproval =
  (d: CoreDeps) =>
  async (input: CallbackInput): Promise<void> => {
    if (input.minutesVersion === undefined) throw new ValidationError('The chair is asked to approve a minutes version; none was given.');
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const chair = requireChair(ctx);
    await d.waits.putWait(input.cycleId, 'chair-approval', input.taskToken, d.clock.now().toISOString());
    const minutes = await d.cycles.getMinutes(input.cycleId, input.minutesVersion);
    if (!minutes) throw new NotFoundError(`Minutes version ${input.minutesVersion} does not exist.`);
    const text = await d.documents.getText(minutes.s3Key);
    const due = laterOf(new Date(ctx.cycle.timeline.chairApprovalDue), new Date(d.clock.now().getTime() + 3 * DAY_MS));
    await makeSendWithLink(d)({
      key: `chair-approval#${input.cycleId}#${minutes.version}`,
      to: chair,
      kind: 'chair-approval-request',
      link: {
        purpose: 'approve-minutes',
        boardId: input.boardId,
        cycleId: input.cycleId,
        subject: String(minutes.version),
        expiresAt: new Date(due.getTime() + 14 * DAY_MS),
        singleUse: true,
      },
      render: (approveUrl) =>
        chairApprovalRequestEmail({
          board: ctx.board.name,
          secretariatEmail: ctx.secretariatEmail,
          meetingDate: ctx.day(ctx.cycle.timeline.meeting),
          version: minutes.version,
          minutesText: text.split('\n').slice(0, PREVIEW_LINES).join('\n'),
          approveUrl,
          approveBy: ctx.when(due.toISOString()),
          ...(minutes.version > 1 ? { whatChanged: `This is version ${minutes.version}, revised after your comments on version ${minutes.version - 1}.` } : {}),
        }),
    });
  };

import { chairApprovalRequestEmail } from '../emails';
import { resumeIfDecided, type CallbackInput } from '../shared/services/callbacks';
import { loadCycleContext } from '../shared/services/cycle-context';
import { approverFor } from '../shared/services/approver';
import { HANDOVER_WORDS } from '../shared/domain/approval-route';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import { answerDue, linkExpiry } from '../shared/domain/link-policy';
import { minutesPdf } from '../shared/documents/on-demand-minutes-pdf';
import { makeSendWithLink } from '../shared/services/notify';
import { describeChanges } from '../shared/domain/text-diff';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Stores the task token and sends the chair (or the vice-chair in their place: approval-route.ts) this
 * version of the minutes (in the body and as a PDF),
 * with an approve link and a one-time Reply-To address: replying "approved" approves, any other text
 * asks for changes. A revised version says what changed since the one the chair commented on. The
 * chair's answer to this version, recorded before (its resume failed), resumes the new token at once.
 */
export const makeWaitForChairApproval =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'waits' | 'workflow' | 'documents' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'interests'>) =>
  async (input: CallbackInput): Promise<void> => {
    if (input.minutesVersion === undefined) throw new ValidationError('The chair is asked to approve a minutes version; none was given.');
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const wait = { cycleId: input.cycleId, kind: 'chair-approval', taskToken: input.taskToken, at: d.clock.now().toISOString() } as const;
    await d.waits.putWait(wait.cycleId, wait.kind, wait.taskToken, wait.at);
    if (await resumeIfDecided(d, wait, (output) => output.version === input.minutesVersion)) return;
    const minutes = await d.cycles.getMinutes(input.cycleId, input.minutesVersion);
    if (!minutes) throw new NotFoundError(`Minutes version ${input.minutesVersion} does not exist.`);
    // The chair, or the vice-chair in their place (apologies, an interest declared, or silence after the second reminder).
    const route = await approverFor(d, ctx);
    const key =
      route.capacity === 'chair'
        ? outboxKeys.chairApproval(input.cycleId, minutes.version)
        : outboxKeys.viceChairApproval(input.cycleId, minutes.version, route.approver.memberId);
    const forChair =
      route.capacity === 'vice-chair' && route.because ? { chair: ctx.chair?.name ?? 'the chair', because: HANDOVER_WORDS[route.because] } : undefined;
    const text = await d.documents.getText(minutes.s3Key);
    const previous = minutes.version > 1 ? await d.cycles.getMinutes(input.cycleId, minutes.version - 1) : undefined;
    const whatChanged = previous
      ? [
          `This is version ${minutes.version}, revised after ${previous.changeRequest ? `your comments on version ${previous.version}: “${previous.changeRequest.comment}”` : `version ${previous.version}`}.`,
          '',
          describeChanges(await d.documents.getText(previous.s3Key), text),
        ].join('\n')
      : undefined;
    const basis = { now: d.clock.now(), timeline: ctx.cycle.timeline };
    const due = answerDue('approve-minutes', basis);
    const expiresAt = linkExpiry('approve-minutes', basis);
    const title = `${ctx.board.name}: minutes of ${ctx.day(ctx.cycle.timeline.meeting)}`;
    await makeSendWithLink(d)({
      key,
      to: route.approver,
      kind: 'chair-approval-request',
      link: { purpose: 'approve-minutes', boardId: input.boardId, cycleId: input.cycleId, subject: String(minutes.version), expiresAt },
      reply: { purpose: 'reply-minutes', boardId: input.boardId, cycleId: input.cycleId, subject: String(minutes.version), expiresAt },
      // The PDF (and pdf-lib) only for an email not yet sent: a retry after it went makes none.
      attachments: async () => [
        {
          fileName: `${ctx.board.name} minutes ${ctx.cycle.meeting.date} v${minutes.version}.pdf`,
          contentType: 'application/pdf',
          content: Buffer.from(
            await minutesPdf({ title, text, approvalStatement: `Draft, version ${minutes.version}: for the chair's approval, not yet approved.` }),
          ),
        },
      ],
      render: (approveUrl, replyTo) =>
        chairApprovalRequestEmail({
          board: ctx.board.name,
          secretariatEmail: ctx.secretariatEmail,
          meetingDate: ctx.day(ctx.cycle.timeline.meeting),
          version: minutes.version,
          minutesText: text,
          approveUrl,
          approveBy: ctx.when(due.toISOString()),
          replyToApprove: replyTo !== undefined,
          ...(whatChanged ? { whatChanged } : {}),
          ...(forChair ? { forChair } : {}),
        }),
    });
  };

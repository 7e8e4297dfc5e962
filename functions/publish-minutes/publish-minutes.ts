import { SYSTEM } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { makeOfferNextCycle } from '../admin/next-cycle';
import { minutesPublishedEmail, publicMinutesWithheldEmail } from '../emails';
import type { MinutesRef } from '../extract-actions/schema';
import { fanOut } from '../shared/domain/concurrency';
import { loadCycleContext, requireSecretariat, type CycleContext } from '../shared/services/cycle-context';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import { html } from '../shared/domain/html';
import { minutesPdf } from '../shared/documents/on-demand-minutes-pdf';
import { extractActions, resolveOwners } from '../shared/domain/minutes';
import { alreadySent, messageTo } from '../shared/services/notify';
import { publicMinutesText } from '../shared/domain/public-minutes';
import { recordDecisions } from '../shared/services/decisions';
import { approvalStatement, capacityTitle } from '../shared/domain/approval-route';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';
import { approvedMinutesKey, approvedMinutesPdfKey, publicMinutesKey, publicMinutesPdfKey } from '../shared/table/object-keys';

/**
 * The approved version becomes the record: rendered to HTML with the approval statement and stored,
 * its actions enter the board's register (idempotent per cycle), and every member gets the minutes.
 * For a board that opted in (`publicMinutes`), a public copy with exempt items withheld is then stored
 * under its own keys and recorded on the cycle. When the exempt items cannot be told apart in the text,
 * nothing public is written (withholding fails closed): the reason is recorded on the cycle and the
 * secretariat is told, and the cycle carries on with the actions, since approved minutes cannot change.
 */
export const makePublishMinutes =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'documents' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'audit'>) =>
  async (input: MinutesRef): Promise<{ actions: number; sent: number; public: boolean }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const minutes = await d.cycles.getMinutes(input.cycleId, input.minutesVersion);
    if (!minutes) throw new NotFoundError(`Minutes version ${input.minutesVersion} does not exist.`);
    if (minutes.status !== 'approved' || !minutes.approval) {
      throw new ValidationError(`Minutes version ${minutes.version} is ${minutes.status}, not approved: it cannot be published.`);
    }
    const approval = minutes.approval;
    const chairName = ctx.members.find((m) => m.memberId === approval.by)?.name ?? approval.by;
    // Who, in which capacity, when, how and which version, as the approval was recorded.
    const statement = approvalStatement({
      name: chairName,
      ...(minutes.approvedAs ? { approvedAs: minutes.approvedAs } : {}),
      via: approval.via,
      on: ctx.day(approval.at),
      version: minutes.version,
    });
    const text = await d.documents.getText(minutes.s3Key);
    const title = `${ctx.board.name}: minutes of ${ctx.day(ctx.cycle.timeline.meeting)}`;
    const page = (body: string) =>
      String(
        html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${ctx.board.name} — minutes of ${ctx.day(ctx.cycle.timeline.meeting)}</title></head><body><pre style="white-space:pre-wrap;font-family:Arial,sans-serif">${body}</pre><p><strong>${statement}</strong></p></body></html>`,
      );
    await d.documents.putText(approvedMinutesKey(input.cycleId, minutes.version), page(text), 'text/html; charset=utf-8');
    const pdf = await minutesPdf({ title, text, approvalStatement: statement });
    await d.documents.putBytes(approvedMinutesPdfKey(input.cycleId, minutes.version), pdf, 'application/pdf');
    const pdfName = `${ctx.board.name} minutes ${ctx.cycle.meeting.date}.pdf`;

    const created = await d.actions.createActions(
      input.boardId,
      `${input.cycleId}#minutes`,
      // Read from this version when ExtractActions did not (it read the version first sent for approval).
      (minutes.actions ?? extractActions(text)).map((a) => ({
        cycleId: input.cycleId,
        ...(a.itemNumber !== undefined ? { itemNumber: a.itemNumber } : {}),
        ownerMemberIds: resolveOwners(a.ownersAsWritten, ctx.members),
        ownersAsWritten: a.ownersAsWritten,
        text: a.text,
        ...(a.due ? { due: a.due } : {}),
        status: 'open' as const,
      })),
    );
    await recordDecisions(d, { boardId: input.boardId, cycleId: input.cycleId, meetingAt: ctx.cycle.timeline.meeting }, text);
    const sent = await fanOut(ctx.members, { concurrency: d.config.sendConcurrency, label: (m) => m.memberId }, async (member) => {
      const key = outboxKeys.minutesPublished(input.cycleId, member.memberId);
      if (await alreadySent(d, key)) return false;
      const email = minutesPublishedEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        meetingDate: ctx.day(ctx.cycle.timeline.meeting),
        version: minutes.version,
        minutesText: text,
        approvedBy: minutes.approvedAs ? `${chairName}, ${capacityTitle(minutes.approvedAs)}` : chairName,
        approvedOn: ctx.day(approval.at),
      });
      return (
        await d.sendOnce(
          key,
          messageTo(member, 'minutes-published', email, { attachments: [{ fileName: pdfName, contentType: 'application/pdf', content: Buffer.from(pdf) }] }),
        )
      ).sent;
    });
    const publicText = ctx.board.publicMinutes === true ? await withheldForPublic(d, ctx, minutes.version, text) : undefined;
    if (publicText !== undefined) {
      // Same keys on a retry, and the first publication time is kept.
      const htmlKey = publicMinutesKey(input.cycleId, minutes.version);
      const pdfKey = publicMinutesPdfKey(input.cycleId, minutes.version);
      await d.documents.putText(htmlKey, page(publicText), 'text/html; charset=utf-8');
      const publicPdf = await minutesPdf({ title, text: publicText, approvalStatement: statement });
      await d.documents.putBytes(pdfKey, publicPdf, 'application/pdf');
      const at = d.clock.now().toISOString();
      await d.cycles.updateCycle(input.boardId, input.cycleId, (c) => ({
        publicMinutes: {
          version: minutes.version,
          htmlKey,
          pdfKey,
          pdfSize: publicPdf.byteLength,
          publishedAt: c.publicMinutes?.version === minutes.version ? c.publicMinutes.publishedAt : at,
        },
      }));
    }
    // The minutes give the next meeting: the secretariat is asked to confirm it, and nothing is scheduled until then.
    await makeOfferNextCycle(d)(ctx, text);
    const what = { type: 'minutes-published', version: minutes.version } as const;
    await recordAudit(d, input.boardId, SYSTEM, what, { cycleId: input.cycleId, key: `published#${input.cycleId}#${minutes.version}` });
    return { actions: created.length, sent: sent.filter(Boolean).length, public: publicText !== undefined };
  };

/** The public text, or undefined after telling the secretariat why none could be made safely. */
async function withheldForPublic(
  d: Pick<CoreDeps, 'cycles' | 'sendOnce' | 'clock'>,
  ctx: CycleContext,
  version: number,
  text: string,
): Promise<string | undefined> {
  try {
    return publicMinutesText(text, await d.cycles.listItems(ctx.cycle.cycleId));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const reason = err.message;
    await d.cycles.updateCycle(ctx.board.boardId, ctx.cycle.cycleId, (c) =>
      c.publicMinutesWithheld?.version === version ? {} : { publicMinutesWithheld: { version, reason, at: d.clock.now().toISOString() } },
    );
    const email = publicMinutesWithheldEmail({
      board: ctx.board.name,
      secretariatEmail: ctx.secretariatEmail,
      meetingDate: ctx.day(ctx.cycle.timeline.meeting),
      version,
      reason,
    });
    for (const member of requireSecretariat(ctx)) {
      await d.sendOnce(outboxKeys.publicMinutesWithheld(ctx.cycle.cycleId, version, member.memberId), messageTo(member, 'public-minutes-withheld', email));
    }
    return undefined;
  }
}

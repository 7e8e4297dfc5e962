import { paperReminderEmail, paperRequestEmail } from '../emails';
import { fanOut } from '../shared/domain/concurrency';
import { loadCycleContext } from '../shared/services/cycle-context';
import { makeSendWithLink } from '../shared/services/notify';
import { APPENDIX_TYPE_NAMES } from '../shared/documents/file-type';
import { linkExpiry } from '../shared/domain/link-policy';
import { isPaper } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/** The paper goes into the board pack, so it is a PDF; appendices may be other types (APPENDIX_TYPE_NAMES). */
export const ACCEPTED_PAPER_TYPES = ['PDF'] as const;

/**
 * Sends each presenter whose item expects a paper an upload link (reusable until circulation: every
 * upload is a new version). With `onlyMissing`, reminds only presenters whose paper has not arrived:
 * an appendix on its own does not count as the paper.
 */
export const makeRequestPapers =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>, mode: { onlyMissing: boolean }) =>
  async (input: CycleRef): Promise<{ sent: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const [items, papers] = await Promise.all([d.cycles.listItems(input.cycleId), d.cycles.listPapers(input.cycleId)]);
    const received = new Set(papers.filter(isPaper).map((p) => p.itemNumber));
    const wanted = items.filter((i) => i.paperExpected && i.presenterMemberId && !(mode.onlyMissing && received.has(i.number)));
    const sendWithLink = makeSendWithLink(d);
    const kind = mode.onlyMissing ? 'paper-reminder' : 'paper-request';
    const sent = await fanOut(wanted, { concurrency: d.config.sendConcurrency, label: (i) => `item ${i.number}` }, async (item) => {
      const presenter = ctx.members.find((m) => m.memberId === item.presenterMemberId);
      if (!presenter) return false;
      const data = (uploadUrl: string) => ({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        itemNumber: item.number,
        itemTitle: item.title,
        paperDeadline: ctx.when(ctx.cycle.timeline.paperDeadline),
        meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
        uploadUrl,
        maxSizeMb: Math.round(d.config.maxPaperBytes / (1024 * 1024)),
        acceptedTypes: [...ACCEPTED_PAPER_TYPES],
        appendixTypes: APPENDIX_TYPE_NAMES,
        ...(ctx.cycle.online ? { online: ctx.cycle.online } : {}),
      });
      return sendWithLink({
        key: outboxKeys.paperAsk(kind, input.cycleId, item.number),
        to: presenter,
        kind,
        link: {
          purpose: 'upload-paper',
          boardId: input.boardId,
          cycleId: input.cycleId,
          subject: String(item.number),
          expiresAt: linkExpiry('upload-paper', { now: d.clock.now(), timeline: ctx.cycle.timeline }),
        },
        render: (url) => (mode.onlyMissing ? paperReminderEmail(data(url)) : paperRequestEmail(data(url))),
      });
    });
    return { sent: sent.filter(Boolean).length };
  };

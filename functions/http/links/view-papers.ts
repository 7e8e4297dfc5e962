import { z } from 'zod';
import { quorumWarningEmail } from '../../emails';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { messageTo } from '../../shared/services/notify';
import { quorumForecast } from '../../shared/domain/quorum';
import { parseOrThrow } from '../../shared/domain/validate';
import { html } from '../../shared/domain/html';
import { form, notice, page, redirect, type HttpResponse } from '../page';
import type { LinkContext, LinkPage, Performed } from './types';
import { appendixPath as appendixLink } from '../../circulate-papers/circulate-papers';
import { describeFile, formatBytes } from '../../shared/documents/file-type';
import { appendicesByItem, latestPapers } from '../../shared/domain/types';

const DOWNLOAD_SECONDS = 5 * 60;

/**
 * Opening the pack from the page is a POST, so it can be counted for the secretariat without
 * counting the mail scanners that open every link; then the browser goes on to the download.
 */
async function openPack(c: LinkContext): Promise<Performed> {
  const packs = c.cycle.cycle.packs;
  if (!packs) throw new NotFoundError('The board pack is built when the papers are circulated; it is not ready yet.');
  await c.d.cycles.recordPackOpened(c.cycle.cycle.cycleId, c.holder.memberId, c.d.clock.now().toISOString());
  const file = `${c.cycle.board.name} board pack ${c.cycle.cycle.meeting.date}.pdf`;
  return { outcome: '', response: redirect(await c.d.documents.presignDownload(packs.members.s3Key, DOWNLOAD_SECONDS, file), 303) };
}

const apologiesForm = z.object({
  attending: z.enum(['no', 'yes']),
  substitute: z.string().trim().max(120, 'keep the substitute’s name under 120 characters').default(''),
});

/** The member's apologies form, showing what they said before. */
async function apologiesPage(c: LinkContext): Promise<HttpResponse> {
  const mine = (await c.d.cycles.listAttendance(c.cycle.cycle.cycleId)).find((a) => a.memberId === c.holder.memberId);
  const when = c.cycle.when(c.cycle.cycle.timeline.meeting);
  if (Date.parse(c.cycle.cycle.timeline.meeting) <= c.d.clock.now().getTime()) {
    return page(410, 'The meeting has taken place', notice(`The meeting was on ${when}; apologies are recorded in the minutes.`));
  }
  const current =
    mine?.status === 'apologies' ? notice(`You have sent apologies${mine.substitute ? `; ${mine.substitute} will attend in your place` : ''}.`) : html``;
  return page(
    200,
    `Apologies for ${c.cycle.board.name}, ${when}`,
    html`${current}${form(
      `${c.self}/apologies`,
      c.csrf,
      html`<input type="hidden" name="attending" value="no"><label for="substitute">Substitute attending in your place (optional)</label><input type="text" id="substitute" name="substitute" maxlength="120" value="${mine?.substitute ?? ''}">`,
      'Send apologies',
    )}${mine?.status === 'apologies' ? form(`${c.self}/apologies`, c.csrf, html`<input type="hidden" name="attending" value="yes">`, 'I can attend after all') : ''}`,
  );
}

/**
 * Records a member's apologies (or withdraws them), and warns the secretariat, once, when the
 * apologies leave fewer voting members expected than the quorum.
 */
async function recordApologies(c: LinkContext, fields: Record<string, string>): Promise<Performed> {
  const input = parseOrThrow(apologiesForm, fields, 'apologies');
  const { cycle } = c;
  if (Date.parse(cycle.cycle.timeline.meeting) <= c.d.clock.now().getTime())
    throw new ValidationError('The meeting has taken place; apologies can no longer be sent.');
  await c.d.cycles.setAttendance({
    cycleId: cycle.cycle.cycleId,
    memberId: c.holder.memberId,
    status: input.attending === 'no' ? 'apologies' : 'attending',
    ...(input.attending === 'no' && input.substitute ? { substitute: input.substitute } : {}),
    at: c.d.clock.now().toISOString(),
  });
  const forecast = quorumForecast(cycle.members, await c.d.cycles.listAttendance(cycle.cycle.cycleId), cycle.board.quorum);
  if (forecast.atRisk) {
    for (const member of cycle.secretariat) {
      const email = quorumWarningEmail({
        board: cycle.board.name,
        secretariatEmail: cycle.secretariatEmail,
        meetingWhen: cycle.when(cycle.cycle.timeline.meeting),
        quorum: forecast.quorum,
        expected: forecast.expected,
        apologies: forecast.apologies,
      });
      await c.d.sendOnce(`quorum-warning#${cycle.cycle.cycleId}#${member.memberId}`, messageTo(member, 'quorum-warning', email));
    }
  }
  const outcome =
    input.attending === 'no'
      ? `Your apologies for ${cycle.when(cycle.cycle.timeline.meeting)} are recorded${input.substitute ? `, with ${input.substitute} attending in your place` : ''}.`
      : `Your apologies are withdrawn: you are expected at the meeting.`;
  return { outcome, response: page(200, input.attending === 'no' ? 'Apologies sent' : 'Apologies withdrawn', notice(outcome)) };
}

/**
 * A member's view of the circulated papers: each item's paper and its appendices. Following a file's
 * link issues a five-minute presigned download (saved under our own file name, as an attachment); the
 * email itself never holds one.
 */
export const viewPapers: LinkPage = {
  purpose: 'view-papers',
  async show(c) {
    const [items, uploads] = await Promise.all([c.d.cycles.listItems(c.cycle.cycle.cycleId), c.d.cycles.listPapers(c.cycle.cycle.cycleId)]);
    const latest = latestPapers(uploads);
    const appendices = appendicesByItem(uploads);
    if (c.rest === 'apologies') return apologiesPage(c);
    const packs = c.cycle.cycle.packs;
    if (c.rest === 'pack') {
      if (!packs) throw new NotFoundError('The board pack is built when the papers are circulated; it is not ready yet.');
      const file = `${c.cycle.board.name} board pack ${c.cycle.cycle.meeting.date}.pdf`;
      return redirect(await c.d.documents.presignDownload(packs.members.s3Key, DOWNLOAD_SECONDS, file));
    }
    const paperPath = c.rest.match(/^paper\/(\d+)$/);
    if (paperPath) {
      const paper = latest.get(Number(paperPath[1]));
      if (!paper) throw new NotFoundError(`There is no paper for item ${paperPath[1]}.`);
      return redirect(await c.d.documents.presignDownload(paper.s3Key, DOWNLOAD_SECONDS, paper.fileName));
    }
    const appendixPath = c.rest.match(/^appendix\/(\d+)\/(\d+)$/);
    if (appendixPath) {
      const [number, version] = [Number(appendixPath[1]), Number(appendixPath[2])];
      const appendix = appendices.get(number)?.find((a) => a.version === version);
      if (!appendix) throw new NotFoundError(`There is no such appendix to item ${number}.`);
      return redirect(await c.d.documents.presignDownload(appendix.s3Key, DOWNLOAD_SECONDS, appendix.fileName));
    }
    if (c.rest) throw new NotFoundError('There is nothing at this address.');
    const rows = items.map((i) => {
      const p = latest.get(i.number);
      const start = packs?.members.itemStartPages?.[i.number];
      const files = (appendices.get(i.number) ?? []).map(
        (a, n) => html`<br><a href="${c.self}/${appendixLink(a)}">Appendix ${n + 1}: ${describeFile(a)}</a>${a.late ? ' (late)' : ''}`,
      );
      return html`<tr><td>${i.number}</td><td>${i.title}</td><td>${p ? html`<a href="${c.self}/paper/${i.number}">${describeFile(p)}</a>${p.late ? ' (late)' : ''}` : 'No paper'}${files}</td><td>${start !== undefined ? `Pack page ${start}` : ''}</td></tr>`;
    });
    const pack = packs
      ? form(
          `${c.self}/pack`,
          c.csrf,
          html`<p>Board pack: one PDF, ${packs.members.pages} pages, ${formatBytes(packs.members.size)}.${appendices.size > 0 ? ' Appendices are not in it: open them from the list below.' : ''}</p>`,
          'Open the board pack',
        )
      : html`<p>The board pack is not ready yet.</p>`;
    return page(200, `Papers for ${c.cycle.board.name}, ${c.cycle.day(c.cycle.cycle.timeline.meeting)}`, html`${pack}<table>${rows}</table>`);
  },
  async perform(c, fields) {
    if (c.rest === 'pack') return openPack(c);
    if (c.rest !== 'apologies') throw new ValidationError('Papers are read-only.');
    return recordApologies(c, fields);
  },
};

import { formatBoardDateTime } from '../../../shared/domain/calendar';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { quorumForecast } from '../../../shared/domain/quorum';
import { isPaper } from '../../../shared/domain/types';
import { formatBytes } from '../../../shared/documents/file-type';
import { count } from '../words';
import { nameOf, type CycleData } from './data';

const PURPOSE_WORDS = { decision: 'For decision', discussion: 'For discussion', information: 'For information' } as const;

/** The agenda items members proposed. */
export function proposalsSection(data: CycleData): SafeHtml {
  const when = (iso: string) => formatBoardDateTime(iso, data.board.timeZone);
  if (data.proposals.length === 0) return html`<h2>Proposed items</h2><p>No items have been proposed.</p>`;
  const rows = [...data.proposals]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(
      (p) =>
        html`<tr><th scope="row">${p.title}${p.confidential ? ' (confidential)' : ''}</th><td>${nameOf(data, p.proposedBy)}</td><td>${nameOf(data, p.presenterMemberId)}</td><td>${PURPOSE_WORDS[p.purpose]}</td><td>${count(p.estimatedMinutes, 'minute')}</td><td>${when(p.createdAt)}</td></tr>`,
    );
  return html`<h2>Proposed items</h2><div class="table-wrap"><table><caption>${count(data.proposals.length, 'proposal')} received</caption>
<thead><tr><th scope="col">Title</th><th scope="col">Proposed by</th><th scope="col">Presenter</th><th scope="col">Purpose</th><th scope="col">Time asked for</th><th scope="col">Received</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Every paper and appendix received, each version with its time and size. */
export function papersSection(data: CycleData): SafeHtml {
  const when = (iso: string) => formatBoardDateTime(iso, data.board.timeZone);
  if (data.papers.length === 0) return html`<h2>Papers received</h2><p>No papers or appendices have been received.</p>`;
  const title = (n: number) => data.items.find((i) => i.number === n)?.title ?? '';
  const rows = [...data.papers]
    .sort((a, b) => a.itemNumber - b.itemNumber || a.version - b.version)
    .map(
      (p) =>
        html`<tr><th scope="row">Item ${p.itemNumber}${title(p.itemNumber) ? `: ${title(p.itemNumber)}` : ''}</th>
<td>${isPaper(p) ? 'Paper' : 'Appendix'}, version ${p.version}</td><td>${p.fileName}</td><td>${formatBytes(p.size)}${p.pages ? `, ${count(p.pages, 'page')}` : ''}</td>
<td>${nameOf(data, p.uploadedBy)}</td><td>${when(p.uploadedAt)}${p.late ? ' (after the deadline)' : ''}</td></tr>`,
    );
  return html`<h2>Papers received</h2><div class="table-wrap"><table><caption>${count(data.papers.length, 'file')} received, every version listed</caption>
<thead><tr><th scope="col">Item</th><th scope="col">What</th><th scope="col">File</th><th scope="col">Size</th><th scope="col">Sent by</th><th scope="col">Received</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Who opened the board pack, once it went out. */
export function packSection(data: CycleData): SafeHtml {
  if (!data.cycle.packs) return html`<h2>Board pack</h2><p>The board pack has not been sent out yet.</p>`;
  const when = (iso: string) => formatBoardDateTime(iso, data.board.timeZone);
  const opened = data.opens.filter((o) => data.members.some((m) => m.memberId === o.memberId));
  const pack = data.cycle.packs.members;
  const rows = opened.map(
    (o) =>
      html`<tr><th scope="row">${nameOf(data, o.memberId)}</th><td>${when(o.firstAt)}</td><td>${when(o.lastAt)}</td><td>${count(o.count, 'time')}</td></tr>`,
  );
  return html`<h2>Board pack</h2><p>The board pack (${count(pack.pages, 'page')}, ${formatBytes(pack.size)}) was built ${when(data.cycle.packs.builtAt)}. It has been opened by ${opened.length} of ${count(data.members.length, 'member')}.</p>
${rows.length ? html`<div class="table-wrap"><table><caption>Members who opened the board pack</caption><thead><tr><th scope="col">Member</th><th scope="col">First opened</th><th scope="col">Last opened</th><th scope="col">Opened</th></tr></thead><tbody>${rows}</tbody></table></div>` : ''}`;
}

/** Apologies received and the quorum forecast. */
export function attendanceSection(data: CycleData): SafeHtml {
  const q = quorumForecast(data.members, data.attendance, data.board.quorum);
  const forecast = html`<p class="${q.atRisk ? 'error' : 'notice'}">Quorum forecast: ${q.expected} of ${count(q.voting, 'voting member')} expected; the quorum is ${count(q.quorum, 'member')}.${q.atRisk ? ' The meeting may not be quorate.' : ''}</p>`;
  if (q.apologies.length === 0) return html`<h2>Apologies</h2><p>No apologies have been received.</p>${forecast}`;
  const rows = q.apologies.map((a) => html`<tr><th scope="row">${a.name}</th><td>${a.substitute ?? 'none'}</td></tr>`);
  return html`<h2>Apologies</h2><div class="table-wrap"><table><caption>${count(q.apologies.length, 'apology', 'apologies')} from voting members</caption><thead><tr><th scope="col">Member</th><th scope="col">Substitute</th></tr></thead><tbody>${rows}</tbody></table></div>${forecast}`;
}

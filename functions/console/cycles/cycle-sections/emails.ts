import { formatBoardDateTime } from '../../../shared/domain/calendar';
import { html, type SafeHtml } from '../../../shared/domain/html';
import type { OutboxEntry } from '../../../shared/ports';
import { staleBefore } from '../../../shared/services/send-once';
import { count, emailKindWords } from '../words';
import type { CycleData } from './data';

/** Where one email stands, in words: a claim never marked sent is either under way or left by an attempt that stopped. */
export function emailStatus(entry: OutboxEntry, now: Date): string {
  if (entry.status === 'suppressed') return `Not sent: ${entry.withheld ?? 'the address does not receive'}`;
  if (entry.delivery?.state === 'bounced') return `Sent, bounced: ${entry.delivery.reason}`;
  if (entry.delivery?.state === 'complaint') return 'Sent, complaint: the recipient marked it as spam';
  if (entry.delivery?.state === 'delayed') return `Sent, delayed: ${entry.delivery.reason}`;
  if (entry.status === 'sent') return 'Sent';
  return entry.claimedAt >= staleBefore(now) ? 'Being sent' : 'Not sent: the attempt stopped before sending; the next retry sends it';
}

/** Every email of the cycle, oldest first, with whether it went. */
export function emailsSection(data: CycleData): SafeHtml {
  if (data.emails.length === 0) return html`<h2>Emails</h2><p>No emails have been sent for this cycle yet.</p>`;
  const when = (iso: string) => formatBoardDateTime(iso, data.board.timeZone);
  const sent = data.emails.filter((e) => e.status === 'sent').length;
  const rows = data.emails.map(
    (e) =>
      html`<tr><td>${when(e.claimedAt)}</td><th scope="row">${emailKindWords(e.message?.kind)}</th><td>${e.message?.to.join(', ') ?? ''}</td><td>${e.message?.subject ?? ''}</td><td>${emailStatus(e, data.now)}</td></tr>`,
  );
  return html`<h2>Emails</h2><div class="table-wrap"><table><caption>${count(data.emails.length, 'email')} for this cycle, ${sent} sent</caption>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

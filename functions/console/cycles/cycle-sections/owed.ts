import { formatBoardDateTime } from '../../../shared/domain/calendar';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { quorumForecast } from '../../../shared/domain/quorum';
import { latestPapers } from '../../../shared/domain/types';
import { count } from '../words';
import { nameOf, type CycleData, type OpenAction } from './data';

/** The moment since which owners owe an update: this meeting once held, or else the board's last one before it. */
function updatesSince(data: CycleData): string | undefined {
  const now = data.now.getTime();
  return data.cycles
    .filter((c) => c.status !== 'cancelled' && Date.parse(c.timeline.meeting) <= now && c.timeline.meeting <= data.cycle.timeline.meeting)
    .map((c) => c.timeline.meeting)
    .sort()
    .at(-1);
}

/** Open actions none of whose owners has sent an update since `since`. */
export function actionsOwingUpdates(actions: readonly OpenAction[], since: string): OpenAction[] {
  return actions.filter(
    ({ action, events }) => !events.some((e) => (e.kind === undefined || e.kind === 'update') && e.at > since && action.ownerMemberIds.includes(e.by)),
  );
}

/** Who still owes what, now: presenters, the secretariat, the chair, action owners. */
export function owedSection(data: CycleData): SafeHtml {
  const { cycle, board } = data;
  const when = (iso: string) => formatBoardDateTime(iso, board.timeZone);
  const lines: SafeHtml[] = [];
  lines.push(html`<li>Proposed agenda items: none are owed; ${count(data.proposals.length, 'proposal')} received.</li>`);
  const latest = latestPapers(data.papers);
  const missing = data.items.filter((i) => i.paperExpected && !latest.has(i.number));
  if (missing.length > 0) {
    lines.push(
      html`<li>Papers due ${when(cycle.timeline.paperDeadline)}: ${count(missing.length, 'paper')} missing<ul>${missing.map(
        (i) => html`<li>Item ${i.number}, ${i.title}: ${nameOf(data, i.presenterMemberId)}</li>`,
      )}</ul></li>`,
    );
  } else if (data.items.some((i) => i.paperExpected)) lines.push(html`<li>Papers: every paper asked for has been received.</li>`);
  const q = quorumForecast(data.members, data.attendance, board.quorum);
  lines.push(
    html`<li>Apologies: ${count(q.apologies.length, 'apology', 'apologies')} received; ${q.expected} of ${count(q.voting, 'voting member')} expected, the quorum is ${q.quorum}${q.atRisk ? ' — the quorum is at risk' : ''}.</li>`,
  );
  const waiting = (kind: keyof CycleData['waits']) => {
    const wait = data.waits[kind];
    return wait && !wait.decision?.output ? wait : undefined;
  };
  const agenda = waiting('agenda-confirmation');
  if (agenda) lines.push(html`<li><strong>The secretariat</strong>: confirm the agenda (asked ${when(agenda.at)}).</li>`);
  const draft = waiting('minutes-draft');
  if (draft) lines.push(html`<li><strong>The secretariat</strong>: the draft minutes, due ${when(cycle.timeline.minutesDraftDue)}.</li>`);
  const approval = waiting('chair-approval');
  if (approval) {
    const chair = data.members.find((m) => m.roles.includes('chair'));
    lines.push(
      html`<li><strong>The chair${chair ? ` (${chair.name})` : ''}</strong>: approve ${data.minutes ? `version ${data.minutes.version} of ` : ''}the minutes, due ${when(cycle.timeline.chairApprovalDue)}.</li>`,
    );
  }
  const since = updatesSince(data);
  if (since) {
    const owing = actionsOwingUpdates(data.openActions, since);
    lines.push(
      owing.length === 0
        ? html`<li>Action updates: every open action has an update since the meeting of ${when(since)}.</li>`
        : html`<li>Action updates since the meeting of ${when(since)}: ${count(owing.length, 'open action')} without one<ul>${owing.map(
            ({ action }) =>
              html`<li>Action ${action.number}: ${action.text} — ${action.ownerMemberIds.map((id) => nameOf(data, id)).join(', ') || action.ownersAsWritten.join(', ') || 'no owner'}</li>`,
          )}</ul></li>`,
    );
  }
  return html`<h2>Still owed</h2><ul>${lines}</ul>`;
}

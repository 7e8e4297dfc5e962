import { formatBoardDateTime } from '../../../shared/domain/calendar';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { quorumForecast } from '../../../shared/domain/quorum';
import { milestoneLabel } from '../../../shared/domain/timeline';
import { latestPapers, MILESTONES, type Timeline } from '../../../shared/domain/types';
import type { EmailKind } from '../../../emails';
import { count } from '../words';
import type { CycleData } from './data';

/** Members an email of `kind` went to. */
const sentTo = (data: CycleData, kind: EmailKind): number =>
  new Set(data.emails.filter((e) => e.status === 'sent' && e.message?.kind === kind).flatMap((e) => e.message?.to ?? [])).size;

/** Items that need a paper, and how many of those have one. */
export function paperProgress(data: Pick<CycleData, 'items' | 'papers'>): { expected: number; received: number } {
  const latest = latestPapers(data.papers);
  const expected = data.items.filter((i) => i.paperExpected);
  return { expected: expected.length, received: expected.filter((i) => latest.has(i.number)).length };
}

/** What has happened at each milestone so far, in a few words with units. */
const PROGRESS: Record<keyof Timeline, (data: CycleData) => string> = {
  agendaCall: (d) => (sentTo(d, 'agenda-call') > 0 ? `sent to ${count(sentTo(d, 'agenda-call'), 'member')}` : 'not sent yet'),
  itemDeadline: (d) => count(d.proposals.length, 'proposal'),
  paperReminder: (d) => `${count(sentTo(d, 'paper-reminder'), 'reminder')} sent`,
  paperDeadline: (d) => {
    const { expected, received } = paperProgress(d);
    return expected === 0 ? 'no papers expected yet' : `${received} of ${count(expected, 'paper')} received`;
  },
  circulation: (d) =>
    d.cycle.packs ? `board pack of ${count(d.cycle.packs.members.pages, 'page')} sent to ${count(sentTo(d, 'circulation'), 'member')}` : 'not yet',
  supplementary: (d) => count(d.papers.filter((p) => p.late).length, 'late paper'),
  meeting: (d) => {
    const q = quorumForecast(d.members, d.attendance, d.board.quorum);
    return `${count(q.apologies.length, 'apology', 'apologies')}; ${q.expected} of ${count(q.voting, 'voting member')} expected (quorum ${q.quorum})`;
  },
  minutesDraftDue: (d) => (d.minutes ? `version ${d.minutes.version} saved` : 'no draft yet'),
  chairApprovalDue: (d) => (d.minutes?.status === 'approved' ? `version ${d.minutes.version} approved` : 'not approved yet'),
  followUp: (d) => count(d.openActions.filter((a) => a.action.cycleId === d.cycle.cycleId).length, 'open action'),
};

/** The milestone after `now`, if the cycle still moves towards one. */
export function nextMilestone(data: Pick<CycleData, 'cycle' | 'now'>): keyof Timeline | undefined {
  if (data.cycle.status !== 'running' && data.cycle.status !== 'scheduled') return undefined;
  return MILESTONES.find((m) => Date.parse(data.cycle.timeline[m]) > data.now.getTime());
}

/** The timeline in words: each milestone, when (in the board's zone), what has happened, done or next. */
export function timelineSection(data: CycleData): SafeHtml {
  const next = nextMilestone(data);
  const rows = MILESTONES.map((m) => {
    const done = Date.parse(data.cycle.timeline[m]) <= data.now.getTime();
    const standing = m === next ? 'Next' : done ? 'Done' : data.cycle.status === 'cancelled' ? 'Not happening' : 'Later';
    return html`<tr class="${m === next ? 'current' : ''}"><th scope="row">${milestoneLabel(m)}</th><td>${formatBoardDateTime(data.cycle.timeline[m], data.board.timeZone)}</td><td>${done || m === next ? PROGRESS[m](data) : ''}</td><td>${standing}</td></tr>`;
  });
  return html`<h2>Timeline</h2><div class="table-wrap"><table><caption>The dates of this cycle, in ${data.board.timeZone} time</caption>
<thead><tr><th scope="col">Step</th><th scope="col">When</th><th scope="col">Progress</th><th scope="col">Done or next</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

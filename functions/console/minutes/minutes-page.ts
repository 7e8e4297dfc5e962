import { formatBoardDate, formatBoardDateTime } from '../../shared/domain/calendar';
import { NotFoundError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import { compareLines, describeLineChanges } from '../../shared/domain/line-changes';
import type { Board, Cycle, Member, MinutesStatus, MinutesVersion } from '../../shared/domain/types';
import type { CoreDeps } from '../../shared/ports';
import type { ConsoleResponse, RouteContext } from '../types';
import { availableFormats, MINUTES_FORMATS, type MinutesFormatName } from './formats';

/** How each status reads on the page. */
const STATUS_WORDS = {
  draft: 'Draft, not yet sent to the chair',
  submitted: 'Sent to the chair for approval',
  'changes-requested': 'The chair asked for changes',
  approved: 'Approved',
} satisfies Record<MinutesStatus, string>;

/** One version as the page shows it: the record, its text (undefined if it could not be read), its formats. */
export interface VersionView {
  minutes: MinutesVersion;
  text?: string;
  formats: MinutesFormatName[];
}

const cyclePath = (board: Board, cycle: Cycle): string => `/console/boards/${encodeURIComponent(board.boardId)}/cycles/${encodeURIComponent(cycle.cycleId)}`;

/** Every version of the cycle's minutes, oldest first, with its text and the formats it exists in. */
export async function loadVersions(d: Pick<CoreDeps, 'cycles' | 'documents'>, board: Board, cycle: Cycle, members: readonly Member[]): Promise<VersionView[]> {
  const versions = await d.cycles.listMinutes(cycle.cycleId);
  return Promise.all(
    versions.map(async (minutes) => {
      const text = await d.documents.getText(minutes.s3Key).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      const formats = await availableFormats(d, { board, cycle, minutes, members }, text !== undefined);
      return { minutes, formats, ...(text !== undefined ? { text } : {}) };
    }),
  );
}

/** What changed from the version before: the chair's request that led to it, and a count of lines. */
function changes(view: VersionView, before: VersionView | undefined): SafeHtml {
  if (!before) return html`The first version.`;
  const request = before.minutes.changeRequest;
  const asked = request ? html`<p>Written after the chair asked for changes to version ${before.minutes.version}: “${request.comment}”</p>` : '';
  const lines =
    view.text !== undefined && before.text !== undefined
      ? `${describeLineChanges(compareLines(before.text, view.text))} since version ${before.minutes.version}.`
      : `The text of version ${(view.text === undefined ? view.minutes : before.minutes).version} could not be read, so the lines cannot be compared.`;
  return html`${asked}<p>${lines}</p>`;
}

/** "by the approval link" / "by email reply": how the chair answered. */
const how = (via: 'link' | 'reply' | undefined): string => (via === 'reply' ? 'by email reply' : 'through the approval link');

function statusCell(m: MinutesVersion, name: (id: string) => string, zone: string): SafeHtml {
  const request = m.changeRequest;
  const asked = request
    ? html`<p>${name(request.by)} asked for changes ${how(request.via)} on ${formatBoardDateTime(request.at, zone)}: “${request.comment}”</p>`
    : '';
  return html`<strong>${STATUS_WORDS[m.status]}</strong>${asked}`;
}

function approvalCell(m: MinutesVersion, name: (id: string) => string, zone: string): SafeHtml {
  if (!m.approval) return html`<span class="muted">Not approved</span>`;
  return html`Approved by ${name(m.approval.by)} ${how(m.approval.via)} on ${formatBoardDateTime(m.approval.at, zone)}`;
}

function downloads(base: string, view: VersionView): SafeHtml {
  if (!view.formats.length) return html`<span class="muted">The text of this version could not be found.</span>`;
  const links = view.formats.map((f) => html`<li><a href="${base}/minutes/${view.minutes.version}/${f}" download>${MINUTES_FORMATS[f].label}</a></li>`);
  return html`<ul>${links}</ul>`;
}

/** The minutes page of a cycle: every version, its status, who wrote and approved it, what changed, downloads. */
export async function minutesPage(ctx: RouteContext): Promise<ConsoleResponse> {
  const board = ctx.board!;
  const cycle = ctx.cycle!;
  const zone = board.timeZone;
  const members = await ctx.d.boards.listMembers(board.boardId);
  const names = new Map(members.map((m) => [m.memberId, m.name]));
  // A version written by someone who has since left still says who it was.
  const name = (id: string): string => names.get(id) ?? `a former member (${id})`;
  const views = await loadVersions(ctx.d, board, cycle, members);
  const base = cyclePath(board, cycle);
  const meeting = formatBoardDate(cycle.timeline.meeting, zone);
  const title = `Minutes of the meeting on ${meeting}`;
  const back = html`<p><a href="${base}">Back to the meeting of ${meeting}</a></p>`;
  if (!views.length) return ctx.page(200, title, html`<p>No minutes have been written for this meeting yet.</p>${back}`);
  const latest = views.at(-1)!.minutes;
  const count = `${views.length} ${views.length === 1 ? 'version' : 'versions'}`;
  const rows = views.map(
    (view, i) =>
      html`<tr><th scope="row">Version ${view.minutes.version}</th><td>${statusCell(view.minutes, name, zone)}</td><td>${name(view.minutes.savedBy)}, ${formatBoardDateTime(view.minutes.savedAt, zone)}</td>
<td>${changes(view, views[i - 1])}</td><td>${approvalCell(view.minutes, name, zone)}</td><td>${downloads(base, view)}</td></tr>`,
  );
  const body = html`<p>${count} of the minutes of ${board.name}. The latest is version ${latest.version}: ${STATUS_WORDS[latest.status].toLowerCase()}.</p>
<div class="table-wrap"><table><caption>Versions of the minutes, oldest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Written by</th><th scope="col">What changed</th><th scope="col">Approval</th><th scope="col">Downloads</th></tr></thead>
<tbody>${rows}</tbody></table></div>${back}`;
  return ctx.page(200, title, body);
}

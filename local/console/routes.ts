import type http from 'node:http';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { formatBoardDateTime } from '../../functions/shared/domain/calendar';
import { MeetingCycleError } from '../../functions/shared/domain/errors';
import { html, raw, type SafeHtml } from '../../functions/shared/domain/html';
import { milestoneLabel } from '../../functions/shared/domain/timeline';
import { MILESTONES, type Cycle } from '../../functions/shared/domain/types';
import { deps } from '../../functions/shared/runtime/deps';
import { LOCAL_INBOUND_DOMAIN, replyTo, type VerdictStatus } from '../mail/inbound';
import type { MailCapture } from '../mail/mail-capture';
import type { LocalStepFunctions } from '../runtime/local-step-functions';
import type { VirtualClock } from '../runtime/virtual-clock';
import { quorumForecast } from '../../functions/shared/domain/quorum';
import { actionsPage } from './actions';
import { ASL_STATE_ORDER } from './state-order';

export interface ConsoleContext {
  sfn: LocalStepFunctions;
  clock: VirtualClock;
  mail: MailCapture;
  appUrl: string;
}

const TZ = 'Europe/London';
const STYLE = `body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#1a1a1a}header{background:#1d3557;color:#fff;padding:.8rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#fff}main{padding:1rem 1.5rem;max-width:75rem}table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.current{background:#fff3bf;font-weight:bold}.done{color:#555}.failed{background:#fdecea}button{background:#1d3557;color:#fff;border:0;padding:.5rem 1rem;border-radius:4px;cursor:pointer}
.card{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}.error{background:#fdecea;border-left:4px solid #b3261e;padding:.6rem 1rem}.muted{color:#555}
iframe{width:100%;height:32rem;border:1px solid #ddd}pre{white-space:pre-wrap;background:#fafafa;padding:1rem;border:1px solid #ddd}.states span{display:inline-block;margin:.15rem;padding:.15rem .4rem;border-radius:3px;background:#eee;font-size:.85rem}
.states span.visited{background:#d3f9d8}.states span.current{background:#fff3bf;outline:2px solid #f08c00}`;

function shell(title: string, ctx: ConsoleContext, body: SafeHtml, refresh = false): string {
  const now = formatBoardDateTime(ctx.clock.now().toISOString(), TZ);
  return String(html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title} · meeting-cycle (local)</title>${refresh ? raw('<meta http-equiv="refresh" content="5">') : ''}<style>${raw(STYLE)}</style></head>
  <body><header><strong>meeting-cycle</strong><a href="/">Console</a><a href="/mailbox">Mailbox (${ctx.mail.emails().length})</a><a href="/actions">Actions</a><span>Virtual clock: ${now}</span></header><main>${body}</main></body></html>`);
}

const send = (res: http.ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8') => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
};

/** The local console, mailbox and control API (`cycle clock advance` talks to /api). */
export async function handleConsole(ctx: ConsoleContext, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  const route = `${method} ${url.pathname}`;
  const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  const jsonBody = (): Record<string, unknown> =>
    body.length && String(req.headers['content-type']).includes('json') ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : form;

  if (route === 'GET /') return send(res, 200, shell('Console', ctx, await dashboard(ctx, url.searchParams.get('error') ?? undefined), true));
  if (route === 'POST /console/start' || route === 'POST /api/cycles') {
    const input = jsonBody();
    try {
      const result = await makeStartCycle(deps())({
        boardId: String(input.boardId ?? ''),
        meetingDate: String(input.meetingDate ?? ''),
        meetingTime: String(input.meetingTime || '10:00'),
        ...(input.overrideReason ? { overrideReason: String(input.overrideReason) } : {}),
      });
      await ctx.sfn.settle();
      if (route.startsWith('POST /api')) return send(res, 201, JSON.stringify(result), 'application/json');
      res.writeHead(303, { location: '/' }).end();
    } catch (err) {
      if (!(err instanceof MeetingCycleError)) throw err;
      if (route.startsWith('POST /api')) return send(res, 400, JSON.stringify({ error: err.name, message: err.message }), 'application/json');
      res.writeHead(303, { location: `/?error=${encodeURIComponent(err.message)}` }).end();
    }
    return;
  }
  if (route === 'POST /console/advance' || route === 'POST /api/clock/advance') {
    const to = String(jsonBody().to ?? 'next');
    let moved: { at: string; label?: string } | undefined;
    if (to === 'next') {
      const next = await ctx.sfn.advanceToNext();
      moved = next ? { at: next.at.toISOString(), label: next.label } : undefined;
    } else {
      const at = new Date(to);
      if (Number.isNaN(at.getTime()))
        return send(res, 400, JSON.stringify({ error: 'ValidationError', message: `"${to}" is not a date and time` }), 'application/json');
      if (at.getTime() < ctx.clock.now().getTime())
        return send(
          res,
          400,
          JSON.stringify({ error: 'ValidationError', message: `The clock is already at ${ctx.clock.now().toISOString()}; it cannot go back.` }),
          'application/json',
        );
      await ctx.sfn.advanceTo(at);
      moved = { at: at.toISOString() };
    }
    if (route.startsWith('POST /api')) return send(res, 200, JSON.stringify({ now: ctx.clock.now().toISOString(), moved: moved ?? null }), 'application/json');
    res.writeHead(303, { location: '/' }).end();
    return;
  }
  if (route === 'GET /api/state') return send(res, 200, JSON.stringify(await state(ctx)), 'application/json');
  if (route === 'GET /api/mailbox') return send(res, 200, JSON.stringify(ctx.mail.emails().map(({ raw: _raw, ...e }) => e)), 'application/json');
  if (route === 'GET /mailbox') return send(res, 200, shell('Mailbox', ctx, mailbox(ctx, url.searchParams.get('to') ?? undefined), true));
  const reply = /^POST \/(api\/)?mailbox\/(\d+)\/reply$/.exec(route);
  if (reply) {
    const email = ctx.mail.emails().find((e) => e.seq === Number(reply[2]));
    if (!email || email.replyTo.length === 0)
      return send(res, 404, JSON.stringify({ error: 'NotFound', message: 'No such email, or it has no reply address.' }), 'application/json');
    const input = jsonBody();
    const verdict = (name: string): VerdictStatus => (['PASS', 'FAIL', 'GRAY'].includes(String(input[name])) ? (String(input[name]) as VerdictStatus) : 'PASS');
    const outcome = await replyTo(deps(), {
      original: email,
      text: String(input.text ?? ''),
      ...(input.from ? { from: String(input.from) } : {}),
      verdicts: { spf: verdict('spf'), dkim: verdict('dkim'), dmarc: verdict('dmarc') },
    });
    await ctx.sfn.settle();
    if (reply[1]) return send(res, 200, JSON.stringify(outcome), 'application/json');
    return send(
      res,
      200,
      shell(
        'Reply delivered',
        ctx,
        html`<p><a href="/mailbox">← Mailbox</a></p><p class="card">Your reply was ${outcome.status}: ${outcome.reason}</p><p>Any answer it got is in the mailbox.</p>`,
      ),
    );
  }
  const one = /^GET \/mailbox\/(\d+)(\/raw)?$/.exec(route);
  if (one) {
    const email = ctx.mail.emails().find((e) => e.seq === Number(one[1]));
    if (!email) return send(res, 404, shell('Not found', ctx, html`<p>No such email.</p>`));
    if (one[2]) return send(res, 200, email.raw, 'text/plain; charset=utf-8');
    return send(res, 200, shell(email.subject, ctx, emailView(email)));
  }
  const register = method === 'GET' ? await actionsPage(deps(), url.pathname, url.searchParams) : undefined;
  if (register?.type === 'html') return send(res, register.status, shell(register.title, ctx, register.body));
  if (register) {
    res.writeHead(register.status, {
      'content-type': register.type === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      'content-disposition': `attachment; filename="${register.fileName}"`,
      'cache-control': 'no-store',
    });
    return void res.end(register.body);
  }
  send(res, 404, shell('Not found', ctx, html`<p>There is nothing at ${url.pathname}.</p>`));
}

async function state(ctx: ConsoleContext) {
  const d = deps();
  const boards = await d.boards.listBoards();
  const cycles = (await Promise.all(boards.map((b) => d.cycles.listCycles(b.boardId)))).flat();
  return {
    now: ctx.clock.now().toISOString(),
    next: ctx.clock.nextTimer() ?? null,
    boards: boards.map((b) => ({ boardId: b.boardId, name: b.name })),
    cycles: cycles.map((c) => {
      const e = c.executionArn ? ctx.sfn.describe(c.executionArn) : undefined;
      return { ...c, execution: e ? { status: e.status, currentState: e.currentState, activity: e.activity, error: e.error, cause: e.cause } : null };
    }),
    emails: ctx.mail.emails().length,
  };
}

/** A next cycle waiting for its scheduled start, or one called off before it started. */
function scheduledNote(cycle: Cycle): SafeHtml | string {
  if (cycle.status === 'scheduled' && cycle.scheduledStart) {
    return html`<p class="notice">Scheduled: starts by itself at ${formatBoardDateTime(cycle.scheduledStart.at, TZ)}, with its agenda call. Move it with <code>npx cycle move --cycle ${cycle.cycleId} --meeting YYYY-MM-DD</code>, or call it off with <code>npx cycle cancel --cycle ${cycle.cycleId}</code>.</p>`;
  }
  if (cycle.cancellation) {
    return html`<p class="muted">Cancelled by ${cycle.cancellation.by} on ${formatBoardDateTime(cycle.cancellation.at, TZ)}${cycle.cancellation.reason ? `: ${cycle.cancellation.reason}` : ''}.</p>`;
  }
  return '';
}

function suggestedMeetingDate(now: Date): string {
  const d = new Date(now.getTime() + 45 * 24 * 3600 * 1000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function timelineTable(cycle: Cycle, now: Date): SafeHtml {
  const current = [...MILESTONES].reverse().find((m) => Date.parse(cycle.timeline[m]) <= now.getTime());
  return html`<table><tbody>${MILESTONES.map((m) => {
    const cls = m === current ? 'current' : Date.parse(cycle.timeline[m]) <= now.getTime() ? 'done' : '';
    return html`<tr class="${cls}"><td>${milestoneLabel(m)}</td><td>${formatBoardDateTime(cycle.timeline[m], TZ)}</td></tr>`;
  })}</tbody></table>`;
}

async function dashboard(ctx: ConsoleContext, error?: string): Promise<SafeHtml> {
  const d = deps();
  const boards = await d.boards.listBoards();
  const next = ctx.clock.nextTimer();
  const sections = await Promise.all(
    boards.map(async (board) => {
      const cycles = await d.cycles.listCycles(board.boardId);
      const members = await d.boards.listMembers(board.boardId);
      const opensByCycle = new Map(await Promise.all(cycles.map(async (c) => [c.cycleId, await d.cycles.listPackOpens(c.cycleId)] as const)));
      const attendanceByCycle = new Map(await Promise.all(cycles.map(async (c) => [c.cycleId, await d.cycles.listAttendance(c.cycleId)] as const)));
      const cards = cycles.map((cycle) => {
        const e = cycle.executionArn ? ctx.sfn.describe(cycle.executionArn) : undefined;
        const visited = new Set(e?.events.filter((ev) => ev.type === 'StateEntered').map((ev) => ev.state));
        const states = ASL_STATE_ORDER.map(
          (s) => html`<span class="${s === e?.currentState && e?.status === 'RUNNING' ? 'current' : visited.has(s) ? 'visited' : ''}">${s}</span>`,
        );
        const waiting = ctx.sfn.pendingCallbacks().filter((p) => p.executionArn === cycle.executionArn);
        const forecast = quorumForecast(members, attendanceByCycle.get(cycle.cycleId) ?? [], board.quorum);
        const opened = opensByCycle.get(cycle.cycleId) ?? [];
        const openedBy = members.filter((m) => opened.some((o) => o.memberId === m.memberId)).map((m) => m.name);
        return html`<div class="card ${cycle.status === 'failed' ? 'failed' : ''}"><h3>Meeting ${formatBoardDateTime(cycle.timeline.meeting, TZ)} — ${cycle.status}</h3>
          <p>State: <strong>${e?.currentState ?? 'not started'}</strong> ${e ? `(${e.status.toLowerCase()}${e.activity === 'callback' ? ', waiting for a person' : e.activity === 'timer' ? ', waiting for the clock' : ''})` : ''}
          ${waiting.length ? html` · waiting for: ${waiting.map((w) => w.stateName).join(', ')} — see the <a href="/mailbox">mailbox</a>` : ''}</p>
          <p class="${forecast.atRisk ? 'error' : 'muted'}">Quorum forecast: ${forecast.expected} of ${forecast.voting} voting members expected; the quorum is ${forecast.quorum}${forecast.apologies.length ? ` (apologies: ${forecast.apologies.map((a) => (a.substitute ? `${a.name}, substitute ${a.substitute}` : a.name)).join('; ')})` : ''}.</p>
          ${cycle.packs ? html`<p class="muted">Board pack opened by ${openedBy.length} of ${members.length} members${openedBy.length ? `: ${openedBy.join(', ')}` : ''}.</p>` : ''}
          ${cycle.failure ? html`<p class="error">${cycle.failure.error}: ${cycle.failure.cause}</p>` : ''}
          ${scheduledNote(cycle)}
          <div style="display:flex;gap:2rem;flex-wrap:wrap"><div>${timelineTable(cycle, ctx.clock.now())}</div><div class="states" style="max-width:40rem">${states}</div></div></div>`;
      });
      return html`<section><h2>${board.name} <span class="muted">(${board.boardId}, ${members.length} members)</span></h2>
        <form method="post" action="/console/start" class="card"><input type="hidden" name="boardId" value="${board.boardId}">
        <label>Meeting date <input type="date" name="meetingDate" value="${suggestedMeetingDate(ctx.clock.now())}" required></label>
        <label>Time <input type="time" name="meetingTime" value="10:00"></label> <button>Start a cycle</button>
        <details><summary>Go ahead despite the notice rule</summary><label>Reason, recorded with the cycle <input type="text" name="overrideReason" size="60"></label></details></form>${cards}</section>`;
    }),
  );
  return html`${error ? html`<p class="error">${error}</p>` : ''}
    <form method="post" action="/console/advance" class="card">Next on the clock: <strong>${next ? `${next.label} at ${formatBoardDateTime(next.at.toISOString(), TZ)}` : 'nothing is waiting for the clock'}</strong>
    <button ${next ? '' : 'disabled'}>Advance the clock to it</button></form>${sections}`;
}

function mailbox(ctx: ConsoleContext, to?: string): SafeHtml {
  const emails = ctx.mail
    .emails()
    .filter((e) => !to || e.to.includes(to))
    .reverse();
  const rows = emails.map(
    (e) =>
      html`<tr><td>${e.seq}</td><td>${formatBoardDateTime(e.at, TZ)}</td><td><a href="/mailbox?to=${encodeURIComponent(e.to.join(','))}">${e.to.join(', ')}</a></td><td>${e.kind}</td><td><a href="/mailbox/${e.seq}">${e.subject}</a></td></tr>`,
  );
  return html`<h2>Mailbox${to ? ` for ${to}` : ''} (${emails.length})</h2>${to ? html`<p><a href="/mailbox">Show everyone's</a></p>` : ''}
    <table><thead><tr><th>#</th><th>Sent (virtual time)</th><th>To</th><th>Kind</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Reply as the recipient's mail client would; SES's verdicts can be set to see a forged reply refused. */
function replyForm(e: ReturnType<MailCapture['emails']>[number]): SafeHtml {
  const select = (name: string) =>
    html`<label>${name.toUpperCase()} <select name="${name}"><option>PASS</option><option>FAIL</option><option>GRAY</option></select></label> `;
  return html`<form method="post" action="/mailbox/${e.seq}/reply" class="card"><h3>Reply</h3>
    <p class="muted">Delivered as a real MIME message (your text above the quoted email) to the inbound handler, as SES would after its receipt checks.</p>
    <label>From <input type="text" name="from" value="${e.to[0] ?? ''}"></label><br>
    <textarea name="text" rows="4" cols="60">Approved</textarea><br>${select('spf')}${select('dkim')}${select('dmarc')}<button type="submit">Send reply</button></form>`;
}

function emailView(e: ReturnType<MailCapture['emails']>[number]): SafeHtml {
  const linked = html`${e.text.split(/(https?:\/\/\S+)/g).map((part, i) => (i % 2 ? html`<a href="${part}" target="_blank" rel="noreferrer">${part}</a>` : part))}`;
  const srcdoc = e.html.replace(/<head>/i, '<head><base target="_blank">');
  return html`<p><a href="/mailbox">← Mailbox</a> · <a href="/mailbox/${e.seq}/raw">Raw MIME</a></p>
    <table><tr><th>From</th><td>${e.from}</td></tr><tr><th>To</th><td>${e.to.join(', ')}</td></tr>${e.replyTo.length ? html`<tr><th>Reply-To</th><td>${e.replyTo.join(', ')}</td></tr>` : ''}
    <tr><th>Subject</th><td>${e.subject}</td></tr><tr><th>Kind</th><td>${e.kind}</td></tr><tr><th>Message-ID</th><td>${e.headerMessageId}</td></tr>
    ${e.attachments.length ? html`<tr><th>Attachments</th><td>${e.attachments.map((a) => `${a.fileName} (${a.contentType}, ${a.size} bytes)`).join(', ')}</td></tr>` : ''}</table>
    ${e.replyTo.some((a) => a.endsWith(`@${LOCAL_INBOUND_DOMAIN}`)) ? replyForm(e) : ''}
    <h3>HTML part</h3><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${srcdoc}"></iframe><h3>Plain-text part</h3><pre>${linked}</pre>`;
}

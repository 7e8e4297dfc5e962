import type http from 'node:http';
import { formatBoardDateTime } from '../../functions/shared/domain/calendar';
import { html, raw, type SafeHtml } from '../../functions/shared/domain/html';
import { deps } from '../../functions/shared/runtime/deps';
import { LOCAL_INBOUND_DOMAIN, replyTo, type VerdictStatus } from './inbound';
import type { MailCapture, MailFate } from './mail-capture';
import type { LocalStepFunctions } from '../runtime/local-step-functions';
import type { VirtualClock } from '../runtime/virtual-clock';

export interface ConsoleContext {
  sfn: LocalStepFunctions;
  clock: VirtualClock;
  mail: MailCapture;
  appUrl: string;
}

const TZ = 'Europe/London';
const STYLE = `body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#1a1a1a}header{background:#1d3557;color:#fff;padding:.8rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#fff}main{padding:1rem 1.5rem;max-width:75rem}table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
button{background:#1d3557;color:#fff;border:0;padding:.5rem 1rem;border-radius:4px;cursor:pointer}
.card{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}.error{background:#fdecea;border-left:4px solid #b3261e;padding:.6rem 1rem}.muted{color:#555}
iframe{width:100%;height:32rem;border:1px solid #ddd}pre{white-space:pre-wrap;background:#fafafa;padding:1rem;border:1px solid #ddd}`;

function shell(title: string, ctx: ConsoleContext, body: SafeHtml, refresh = false): string {
  const now = formatBoardDateTime(ctx.clock.now().toISOString(), TZ);
  return String(html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title} · meeting-cycle (local)</title>${refresh ? raw('<meta http-equiv="refresh" content="5">') : ''}<style>${raw(STYLE)}</style></head>
  <body><header><strong>meeting-cycle</strong><a href="/console">Console</a><a href="/mailbox">Mailbox (${ctx.mail.emails().length})</a><span>Virtual clock: ${now}</span></header><main>${body}</main></body></html>`);
}

const send = (res: http.ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8') => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
};

/** The local mailbox and control API (`cycle clock advance` talks to /api); the console is functions/console/. */
export async function handleMailbox(ctx: ConsoleContext, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  const route = `${method} ${url.pathname}`;
  const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  const jsonBody = (): Record<string, unknown> =>
    body.length && String(req.headers['content-type']).includes('json') ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : form;

  if (route === 'POST /api/clock/advance') {
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
    return send(res, 200, JSON.stringify({ now: ctx.clock.now().toISOString(), moved: moved ?? null }), 'application/json');
  }
  if (route === 'GET /api/state') return send(res, 200, JSON.stringify(await state(ctx)), 'application/json');
  if (route === 'GET /api/mailbox') return send(res, 200, JSON.stringify(ctx.mail.emails().map(({ raw: _raw, ...e }) => e)), 'application/json');
  if (route === 'GET /mailbox') return send(res, 200, shell('Mailbox', ctx, mailbox(ctx, url.searchParams.get('to') ?? undefined), true));
  const fate = /^POST \/(api\/)?mailbox\/fate$/.exec(route);
  if (fate) {
    const input = jsonBody();
    const address = String(input.address ?? '').trim();
    const chosen = FATES.find((f) => f === input.fate);
    if (!address.includes('@') || chosen === undefined)
      return send(res, 400, JSON.stringify({ error: 'ValidationError', message: `Give an address and one of ${FATES.join(', ')}.` }), 'application/json');
    ctx.mail.simulate(address, chosen === 'deliver' ? undefined : chosen);
    if (fate[1]) return send(res, 200, JSON.stringify({ address, fate: chosen }), 'application/json');
    res.writeHead(303, { location: '/mailbox' }).end();
    return;
  }
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

/** What the mailbox's control can make of an address: SES's reports, or delivering again. */
const FATES = ['permanent', 'transient', 'complaint', 'deliver'] as const satisfies readonly (MailFate | 'deliver')[];

/** "Make this address bounce / complain": the next emails to it draw SES's event, as in AWS. */
function fateForm(ctx: ConsoleContext): SafeHtml {
  const set = [...ctx.mail.fates()].map(([address, f]) => html`<li>${address}: ${f}</li>`);
  return html`<form method="post" action="/mailbox/fate" class="card"><h3>Make this address bounce / complain</h3>
    <p class="muted">Every later email to it is captured and reported by SES's event to the bounce handler, as in AWS.</p>
    <label>Address <input type="email" name="address" required></label>
    <select name="fate"><option value="permanent">bounce (permanent)</option><option value="transient">bounce (transient)</option><option value="complaint">complain</option><option value="deliver">deliver again</option></select>
    <button type="submit">Set</button>${set.length ? html`<ul>${set}</ul>` : ''}</form>`;
}

function mailbox(ctx: ConsoleContext, to?: string): SafeHtml {
  const emails = ctx.mail
    .emails()
    .filter((e) => !to || e.to.includes(to))
    .reverse();
  const rows = emails.map(
    (e) =>
      html`<tr><td>${e.seq}</td><td>${formatBoardDateTime(e.at, TZ)}</td><td><a href="/mailbox?to=${encodeURIComponent(e.to.join(','))}">${e.to.join(', ')}</a></td><td>${e.kind}</td><td><a href="/mailbox/${e.seq}">${e.subject}</a>${e.fate ? html` <strong>(${e.fate === 'complaint' ? 'complaint' : `${e.fate} bounce`})</strong>` : ''}</td></tr>`,
  );
  return html`<h2>Mailbox${to ? ` for ${to}` : ''} (${emails.length})</h2>${to ? html`<p><a href="/mailbox">Show everyone's</a></p>` : ''}${fateForm(ctx)}
    <table><thead><tr><th>#</th><th>Sent (virtual time)</th><th>To</th><th>Kind</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Reply as the recipient's mail client would; set SES's verdicts to see a forged reply ignored (never answered: no backscatter). */
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

import { html, raw, type SafeHtml } from '../shared/domain/html';
import { PAGE_HEADERS } from '../http/page';
import type { ConsoleOptions, ConsoleResponse, Principal } from './types';

/**
 * The console's look: plain HTML, readable on a phone, WCAG 2.1 AA contrast (every colour pair here
 * is 4.5:1 or better), a skip link, landmarks, visible focus, labels on every field.
 */
const STYLE = `*{box-sizing:border-box}body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#1a1a1a;line-height:1.5;background:#fff}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#1d3557;padding:.4rem;z-index:2}
header{background:#1d3557;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header a{color:#fff}header .brand{font-weight:bold;color:#fff;text-decoration:none;margin-right:auto}header form{display:inline;margin:0}
header button{background:#fff;color:#1d3557;margin:0;padding:.3rem .7rem}
main{padding:1rem;max-width:72rem;margin:0 auto}h1{color:#1d3557;font-size:1.6rem;margin-top:.5rem}h2{font-size:1.25rem;margin-top:1.6rem}
a{color:#1d4ed8}a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f08c00;outline-offset:2px}
label{display:block;margin:.7rem 0 .2rem;font-weight:bold}label.inline{display:inline-block;font-weight:normal;margin-right:1rem}
input[type=text],input[type=email],input[type=number],input[type=date],input[type=time],input[type=file],textarea,select{width:100%;max-width:36rem;padding:.45rem;font:inherit;border:1px solid #6b7280;border-radius:3px}
input[type=date],input[type=time],input[type=number]{max-width:14rem}textarea{min-height:6rem}small,.hint{display:block;color:#4b5563;margin-top:.15rem;font-weight:normal}
button{background:#1d3557;color:#fff;border:0;padding:.55rem 1.1rem;font:inherit;border-radius:4px;cursor:pointer;margin-top:.8rem}
button.secondary{background:#4b5563}button.danger{background:#b3261e}
.notice{background:#f1f5f9;border-left:4px solid #1d3557;padding:.6rem 1rem}.error{background:#fdecea;border-left:4px solid #b3261e;padding:.6rem 1rem}
.ok{background:#e6f4ea;border-left:4px solid #1e6b34;padding:.6rem 1rem}.muted{color:#4b5563}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0;width:100%}caption{text-align:left;font-weight:bold;padding:.3rem 0}
td,th{padding:.35rem .6rem;border-bottom:1px solid #d1d5db;text-align:left;vertical-align:top}th{background:#f3f4f6}
.card{border:1px solid #d1d5db;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
.current{background:#fff3bf;font-weight:bold}.failed{background:#fdecea}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}
pre{white-space:pre-wrap;background:#fafafa;padding:1rem;border:1px solid #d1d5db}fieldset{border:1px solid #d1d5db;border-radius:4px;margin:.8rem 0}`;

export interface ConsolePageInput {
  options: ConsoleOptions;
  status: number;
  title: string;
  body: SafeHtml;
  principal?: Principal;
  /** The session's CSRF value, for the sign-out button. */
  csrf?: string;
  cookies?: string[];
}

/** Every console page: the header (who is signed in, sign out, and locally the mailbox and clock), one h1, the body. */
export function consolePage(input: ConsolePageInput): ConsoleResponse {
  const { options, principal } = input;
  const signOut =
    principal && input.csrf
      ? html`<span>${principal.name}${principal.admin ? ' (admin)' : ''}</span><form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="${input.csrf}"><button type="submit">Sign out</button></form>`
      : '';
  const nav = html`<nav aria-label="Console"><a href="/console">Boards</a> ${options.local ? options.local.nav() : ''}</nav>`;
  const doc = html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${input.title} · meeting-cycle</title><style>${raw(STYLE)}</style></head>
<body><a class="skip" href="#main">Skip to content</a><header><a class="brand" href="/console">meeting-cycle${options.local ? ' (local)' : ''}</a>${nav}${signOut}</header>
<main id="main"><h1>${input.title}</h1>${input.body}</main></body></html>`;
  return {
    statusCode: input.status,
    headers: { ...PAGE_HEADERS, 'content-security-policy': CONSOLE_CSP },
    body: String(doc),
    ...(input.cookies?.length ? { cookies: input.cookies } : {}),
  };
}

/** No script at all; forms post only to the console itself. */
export const CONSOLE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The frame every email shares, and the building blocks templates write their body with. A template
 * describes its body once as `Block`s; `compose` renders both the HTML and the plain-text part from
 * them, so the two parts cannot drift apart and the text part never has HTML in it.
 */
import { html, truncateForDisplay } from '../shared/domain/html';
import { stripBidiControls, stripControlChars } from '../shared/domain/text';
import type { SafeHtml } from '../shared/domain/html';
import type { ItemPurpose } from '../shared/domain/types';

/** What every template needs: who is writing, and where replies go. */
export interface EmailBase {
  /** The board's name, as its members know it ("Finance Committee"). */
  board: string;
  /** Where a reply reaches a person; shown in the footer. */
  secretariatEmail: string;
}

/** A rendered email, ready to become an `EmailMessage`. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A line in a list: an agenda item, an action, a key date. */
export interface ListItem {
  text: string;
  /** A second, quieter line (presenter, owners, last update). */
  detail?: string;
  /** A secondary link; the main action of an email is a `button` block. */
  link?: { label: string; url: string };
}

/** One piece of an email body; each renders to both parts. */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'button'; label: string; url: string }
  | { type: 'facts'; rows: readonly { label: string; value: string }[] }
  | { type: 'list'; items: readonly ListItem[] }
  /**
   * Text whose line breaks matter (minutes, comments), shown as a quoted block; cut at `max`
   * characters when given (a whole document inlined on purpose has none).
   */
  | { type: 'preformatted'; text: string; max?: number };

/** Longest title shown in a body; the full title is on the linked page. */
export const TITLE_MAX = 200;
/** Longest title inside a subject, so that the date and item number stay visible in an inbox. */
export const SUBJECT_TITLE_MAX = 60;
const SUBJECT_MAX = 150;
/** Longest comment (the chair's requested changes, a "what changed" note) quoted in an email. */
export const COMMENT_MAX = 4000;
/**
 * Longest single value (a name, a venue, a list line) and paragraph the layout shows. Templates cut
 * titles shorter; these caps stop any other field from turning an email into a wall of text.
 */
const VALUE_MAX = 600;
const PARAGRAPH_MAX = 2000;

const BRAND = '#1d3557';
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#dddddd';
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

/**
 * A value meant for one line (a name, a title, a date): no bidi controls, no control characters (they
 * have no business in an email and some clients render them as boxes or act on them), and
 * line breaks folded into spaces, so that a title cannot start a fake paragraph in the text part.
 */
export function oneLine(value: string): string {
  return stripControlChars(stripBidiControls(value).replace(/[\r\n\t\u2028\u2029]+/g, ' '))
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A value whose line breaks are kept (minutes, comments), otherwise cleaned like `oneLine`. */
export function multiline(value: string): string {
  return stripControlChars(stripBidiControls(value).replace(/\r\n?|\u2028|\u2029/g, '\n')).trim();
}

/** One line, at most `max` characters. */
function capped(value: string, max: number): string {
  return truncateForDisplay(oneLine(value), max);
}

/** A title for a body: one line, at most `TITLE_MAX` characters. */
export function title(value: string): string {
  return truncateForDisplay(oneLine(value), TITLE_MAX);
}

/** A title for a subject line: one line, at most `SUBJECT_TITLE_MAX` characters. */
export function subjectTitle(value: string): string {
  return truncateForDisplay(oneLine(value), SUBJECT_TITLE_MAX);
}

const DISPLAY_DATE = /^([A-Z][a-z]+ \d{1,2} [A-Z][a-z]+)(?: \d{4})?(?:, \d{1,2}:\d{2})?$/;

/**
 * The day part of a display date, for subjects: "Tuesday 10 March 2015, 15:30" → "Tuesday 10 March".
 * Anything not in that shape is returned unchanged (cleaned to one line), so a caller's own wording
 * still reads.
 */
export function shortDate(when: string): string {
  const clean = oneLine(when);
  return DISPLAY_DATE.exec(clean)?.[1] ?? clean;
}

/** "1 paper", "2 papers". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** How an item's purpose reads on an agenda. */
export function purposeLabel(purpose: ItemPurpose): string {
  return { decision: 'For decision', discussion: 'For discussion', information: 'For information' }[purpose];
}

/** "PDF", "PDF or Word", "PDF, Word or Excel". */
export function orList(values: readonly string[]): string {
  const clean = values.map(oneLine);
  return clean.length <= 1 ? (clean[0] ?? '') : `${clean.slice(0, -1).join(', ')} or ${clean.at(-1)}`;
}

/** `blocks` when `condition` holds, nothing otherwise: for optional parts of a body. */
export function onlyIf(condition: boolean, ...blocks: Block[]): Block[] {
  return condition ? blocks : [];
}

/** "Ask Ann" → unchanged; "confirm the agenda" → "Confirm the agenda". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Only web addresses go into an email: a `javascript:` or `data:` URL from a bug upstream must fail
 * the send, not reach a member. Returns the URL exactly as given so both parts show the same text.
 */
export function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Not a web address: ${JSON.stringify(url.slice(0, 100))}`);
  }
  // eslint-disable-next-line no-control-regex -- a raw control character or space would break the link
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || /[\s\u0000-\u001F]/.test(url)) {
    throw new TypeError(`Not a web address: ${JSON.stringify(url.slice(0, 100))}`);
  }
  return url;
}

/**
 * The one clear button of an action, with the address written out beneath it for clients that do not
 * show buttons and for people who check where a link goes before they follow it.
 */
export function button(label: string, url: string): SafeHtml {
  const href = checkedUrl(url);
  return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0 8px;border-collapse:separate">
<tr><td style="border-radius:4px;background:${BRAND}"><a href="${href}" style="display:inline-block;padding:12px 24px;${FONT}font-size:16px;font-weight:bold;line-height:20px;color:#ffffff;text-decoration:none;border-radius:4px">${capped(label, VALUE_MAX)}</a></td></tr>
</table>
<p style="margin:0 0 16px;font-size:13px;line-height:18px;color:${MUTED}">If the button does not work, copy this address into your browser:<br><a href="${href}" style="color:${BRAND};word-break:break-all">${href}</a></p>`;
}

/** The plain-text equivalent of `button`: the label, then the address in full on its own line. */
export function textButton(label: string, url: string): string {
  return `${capped(label, VALUE_MAX)}:\n${checkedUrl(url)}`;
}

function preformattedText(block: { text: string; max?: number }): string {
  const text = multiline(block.text);
  return block.max === undefined ? text : truncateForDisplay(text, block.max);
}

function blockHtml(block: Block): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return html`<p style="margin:0 0 16px">${capped(block.text, PARAGRAPH_MAX)}</p>`;
    case 'heading':
      return html`<h2 style="margin:24px 0 8px;font-size:18px;line-height:24px;color:${TEXT}">${capped(block.text, VALUE_MAX)}</h2>`;
    case 'button':
      return button(block.label, block.url);
    case 'facts':
      return html`<table style="margin:0 0 16px;border-collapse:collapse">${block.rows.map(
        (row) =>
          html`<tr><th scope="row" align="left" valign="top" style="padding:4px 16px 4px 0;font-weight:bold;white-space:nowrap">${capped(row.label, VALUE_MAX)}</th><td style="padding:4px 0">${capped(row.value, VALUE_MAX)}</td></tr>`,
      )}</table>`;
    case 'list':
      return html`<ul style="margin:0 0 16px;padding:0;list-style:none">${block.items.map(
        (item) =>
          html`<li style="margin:0 0 12px">${capped(item.text, VALUE_MAX)}${item.detail !== undefined && html`<br><span style="color:${MUTED};font-size:14px">${capped(item.detail, VALUE_MAX)}</span>`}${item.link !== undefined && html`<br><a href="${checkedUrl(item.link.url)}" style="color:${BRAND}">${capped(item.link.label, VALUE_MAX)}</a>`}</li>`,
      )}</ul>`;
    case 'preformatted':
      return html`<div style="margin:0 0 16px;padding:8px 12px;border-left:4px solid ${RULE};background:#fafafa;font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:22px">${preformattedText(
        block,
      )
        .split('\n')
        .map((line, i) => (i === 0 ? line : [html`<br>`, line]))}</div>`;
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return capped(block.text, PARAGRAPH_MAX);
    case 'heading': {
      const text = capped(block.text, VALUE_MAX);
      return `${text}\n${'-'.repeat(Math.min(text.length, 60))}`;
    }
    case 'button':
      return textButton(block.label, block.url);
    case 'facts':
      return block.rows.map((row) => `${capped(row.label, VALUE_MAX)}: ${capped(row.value, VALUE_MAX)}`).join('\n');
    case 'list':
      return block.items
        .map((item) =>
          [
            `- ${capped(item.text, VALUE_MAX)}`,
            item.detail !== undefined ? `  ${capped(item.detail, VALUE_MAX)}` : undefined,
            item.link !== undefined ? `  ${capped(item.link.label, VALUE_MAX)}: ${checkedUrl(item.link.url)}` : undefined,
          ]
            .filter((line) => line !== undefined)
            .join('\n'),
        )
        .join('\n');
    case 'preformatted':
      // Indented, as plain-text mail has always set quoted documents apart.
      return preformattedText(block)
        .split('\n')
        .map((line) => (line.trim() === '' ? '' : `    ${line}`))
        .join('\n');
  }
}

/** The HTML document around a body: board name header, body, footer naming the sender and a reply address. */
export function layoutHtml(input: EmailBase & { subject: string; lead: string; body: SafeHtml }): string {
  const board = capped(input.board, VALUE_MAX);
  const reply = capped(input.secretariatEmail, VALUE_MAX);
  const lead = capped(input.lead, PARAGRAPH_MAX);
  return html`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${oneLine(input.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f4">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${lead}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid ${RULE}">
<tr><td style="padding:16px 24px;background:${BRAND};${FONT}font-size:20px;line-height:28px;font-weight:bold;color:#ffffff">${board}</td></tr>
<tr><td style="padding:24px;${FONT}font-size:16px;line-height:24px;color:${TEXT}">
<p style="margin:0 0 16px;font-size:18px;line-height:26px;font-weight:bold">${lead}</p>
${input.body}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid ${RULE};${FONT}font-size:13px;line-height:18px;color:${MUTED}">Sent by meeting-cycle for ${board} — questions to <a href="mailto:${reply}" style="color:${BRAND}">${reply}</a></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.toString();
}

/** The plain-text part: the lead, the body, and the footer after a signature delimiter ("-- "). */
export function layoutText(input: EmailBase & { lead: string; body: string }): string {
  const board = capped(input.board, VALUE_MAX);
  const reply = capped(input.secretariatEmail, VALUE_MAX);
  return `${capped(input.lead, PARAGRAPH_MAX)}\n\n${input.body}\n\n-- \nSent by meeting-cycle for ${board} — questions to ${reply}\n`;
}

/**
 * Renders an email from its subject, its first line (what to do) and its body blocks.
 * The subject is cleaned to one line so that a hostile title cannot add a header or spoof its order.
 */
export function compose(base: EmailBase, email: { subject: string; lead: string; blocks: readonly Block[] }): RenderedEmail {
  const subject = truncateForDisplay(oneLine(email.subject), SUBJECT_MAX);
  const body = html`${email.blocks.map((block) => [blockHtml(block), '\n'])}`;
  return {
    subject,
    html: layoutHtml({ ...base, subject, lead: email.lead, body }),
    text: layoutText({ ...base, lead: email.lead, body: email.blocks.map(blockText).join('\n\n') }),
  };
}

import type { ValidationError } from '../../shared/domain/errors';
import { html, type SafeHtml } from '../../shared/domain/html';
import type { Board } from '../../shared/domain/types';
import type { RouteContext } from '../types';

/** The hidden field every form of the console carries. */
export const csrfField = (ctx: RouteContext): SafeHtml => html`<input type="hidden" name="csrf" value="${ctx.csrf}">`;

/** Whether the signed-in person may change this board (its secretariat, or an admin), not only read it. */
export function canWrite(ctx: RouteContext): boolean {
  const p = ctx.principal;
  return !!p && !!ctx.board && (p.admin || p.boards.get(ctx.board.boardId) === 'secretariat');
}

/** The board a `:board` route was given; the router loads it before the handler runs. */
export function boardOf(ctx: RouteContext): Board {
  if (!ctx.board) throw new Error('A board route ran without its board');
  return ctx.board;
}

export const boardPath = (boardId: string, rest = ''): string => `/console/boards/${encodeURIComponent(boardId)}${rest}`;
export const memberPath = (boardId: string, memberId: string, rest = ''): string => boardPath(boardId, `/members/${encodeURIComponent(memberId)}${rest}`);

/**
 * A ValidationError's issues by the field they start with (`rules.clearDays must be …`), for messages
 * next to each field; issues that name no field of `fields` stay under `''`.
 */
export function issuesByField(error: ValidationError, fields: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const byLength = [...fields].sort((a, b) => b.length - a.length);
  for (const issue of error.issues.length ? error.issues : [error.message]) {
    const field = byLength.find((f) => issue.startsWith(`${f} `)) ?? '';
    out.set(field, [...(out.get(field) ?? []), field ? issue.slice(field.length + 1) : issue]);
  }
  return out;
}

/** The error box at the top of a form that was refused, listing every message. */
export function errorSummary(heading: string, messages: readonly string[]): SafeHtml {
  return html`<div class="error" role="alert"><p><strong>${heading}</strong></p><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

/** A field's own error message, tied to it with aria-describedby by the caller. */
export const fieldError = (id: string, messages: readonly string[] | undefined): SafeHtml =>
  messages?.length ? html`<p class="error" id="${id}-error">${messages.join('; ')}</p>` : html``;

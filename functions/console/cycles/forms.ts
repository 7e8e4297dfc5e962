import { html, type SafeHtml } from '../../shared/domain/html';
import { URGENCY_STATUTE } from '../../shared/domain/late-items';
import type * as z from '../../shared/validation/zod';

/** What a form shows again after a refusal: the values sent, a message per field, a summary. */
export interface FormState {
  values: Record<string, string>;
  errors?: Record<string, string>;
  /** Why nothing was done, above the form. */
  problem?: SafeHtml | string;
  /** Open the "despite the notice rule" part: the refusal was about it. */
  reasonOpen?: boolean;
}

export const EMPTY_FORM: FormState = { values: {} };

/** Field names the forms post, and the labels the browser tests rely on. */
export const LABELS = {
  meetingDate: 'Meeting date',
  meetingTime: 'Time',
  venue: 'Venue',
  overrideReason: 'Reason for going ahead despite the notice rule',
  reason: 'Reason',
  confirm: 'I understand that a cancelled cycle cannot be started again from this page',
  extraordinaryReason: 'Why the meeting is called at short notice',
  title: 'Title',
  presenter: 'Presenter (member id or email, optional)',
  joinUrl: 'Joining link',
  dialIn: 'Dial-in details',
} as const;

/** A zod refusal as one message per field, each with the field's label. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

const errorId = (form: string, name: string) => `${form}-${name}-error`;

function field(form: string, name: keyof typeof LABELS, state: FormState, input: { type: string; required?: boolean; hint?: string }): SafeHtml {
  const id = `${form}-${name}`;
  const error = state.errors?.[name];
  const hint = input.hint ? html`<small id="${id}-hint">${input.hint}</small>` : '';
  const described = [input.hint ? `${id}-hint` : '', error ? errorId(form, name) : ''].filter(Boolean).join(' ');
  const attrs = html`id="${id}" name="${name}" value="${state.values[name] ?? ''}"${input.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const control = input.type === 'textarea' ? html`<textarea ${attrs}>${state.values[name] ?? ''}</textarea>` : html`<input type="${input.type}" ${attrs}>`;
  return html`<label for="${id}">${LABELS[name]}</label>${hint}${error ? html`<p class="error" id="${errorId(form, name)}">${error}</p>` : ''}${control}`;
}

function problem(state: FormState): SafeHtml | string {
  if (!state.problem && !state.errors) return '';
  const summary = state.errors && Object.keys(state.errors).length ? ' Please correct the fields marked below.' : '';
  return html`<div class="error" role="alert"><p>${state.problem ?? 'Nothing was done.'}${summary}</p></div>`;
}

/** The notice-rule override, folded away unless the refusal was about it. */
function overrideReason(form: string, state: FormState): SafeHtml {
  return html`<details${state.reasonOpen || state.values.overrideReason ? html` open` : ''}><summary>Going ahead despite the notice rule</summary>
<p class="hint">The board's notice rule says how many clear days the papers must be published before the meeting. If these dates break it, the cycle is refused unless you say why it must go ahead anyway; your reason is kept with the cycle.</p>
${field(form, 'overrideReason', state, { type: 'textarea', hint: 'At least 10 characters. Leave empty if the dates keep the rule.' })}</details>`;
}

/** An extraordinary meeting at short notice, folded away unless asked for: its reason is kept with the cycle. */
function extraordinary(form: string, state: FormState): SafeHtml {
  const ticked = state.values.extraordinary === 'yes' || Boolean(state.values.extraordinaryReason) || Boolean(state.errors?.extraordinaryReason);
  return html`<details${ticked ? html` open` : ''}><summary>Extraordinary meeting at short notice</summary>
<p class="hint">When the board's usual lead time has passed, the timeline is squeezed into the working days left: the agenda call goes out now. The notice rule still applies unless you give a reason above.</p>
<label class="inline" for="${form}-extraordinary"><input type="checkbox" id="${form}-extraordinary" name="extraordinary" value="yes"${ticked ? html` checked` : ''}> Call it as an extraordinary meeting</label>
${field(form, 'extraordinaryReason', state, { type: 'textarea', hint: 'At least 10 characters; kept with the cycle and shown on the agenda.' })}</details>`;
}

/** "Start a cycle": the meeting's date and time, the notice-rule override, and the extraordinary meeting. */
export function startForm(action: string, csrf: string, state: FormState, defaultVenue: string): SafeHtml {
  return html`<form method="post" action="${action}" class="card" novalidate><h2>Start a cycle</h2>${problem(state)}
<input type="hidden" name="csrf" value="${csrf}">
${field('start', 'meetingDate', state, { type: 'date', required: true, hint: 'For example 2027-03-10.' })}
${field('start', 'meetingTime', state, { type: 'time', hint: '24-hour clock, for example 15:30. Leave empty for 10:00.' })}
${field('start', 'venue', state, { type: 'text', hint: `Leave empty for ${defaultVenue}.` })}
${onlineFields('start', state, 'Leave empty for a meeting in the room only.')}
${overrideReason('start', state)}${extraordinary('start', state)}<button type="submit">Start a cycle</button></form>`;
}

/** "Add a late item": after circulation; the chair decides it by link. */
export function lateItemForm(action: string, csrf: string, state: FormState): SafeHtml {
  return html`<form method="post" action="${action}" class="card" novalidate><h3>Add a late item</h3>${problem(state)}
<p>An item added after the agenda went out is taken only if the chair agrees it is urgent, by reason of special circumstances (${URGENCY_STATUTE}).
The chair is emailed a link to approve or refuse it; if the chair has not decided when the meeting starts, it is not taken.</p>
<input type="hidden" name="csrf" value="${csrf}">
${field('late', 'title', state, { type: 'text', required: true })}
${field('late', 'presenter', state, { type: 'text' })}
${field('late', 'reason', state, { type: 'textarea', required: true, hint: 'Why it cannot wait for the next meeting: the chair sees it. At least 10 characters.' })}
<button type="submit">Ask the chair</button></form>`;
}

/** "Move the meeting": the new date and time; the notice rule applies again. */
export function moveForm(action: string, csrf: string, state: FormState): SafeHtml {
  return html`<form method="post" action="${action}" class="card" novalidate><h3>Move the meeting</h3>${problem(state)}
<p>The remaining dates are planned again from the new meeting date, and every member is told.</p>
<input type="hidden" name="csrf" value="${csrf}">
${field('move', 'meetingDate', state, { type: 'date', required: true, hint: 'The new meeting date, for example 2027-03-17.' })}
${field('move', 'meetingTime', state, { type: 'time', hint: '24-hour clock. Leave empty for 10:00.' })}
${field('move', 'venue', state, { type: 'text', hint: 'Leave empty to keep the venue.' })}
${onlineFields('move', state, 'Leave empty to keep the joining details as they are.')}
${overrideReason('move', state)}<button type="submit">Move the meeting</button></form>`;
}

/** The joining link and dial-in text of an online or hybrid meeting: folded away unless they hold something. */
function onlineFields(form: string, state: FormState, hint: string): SafeHtml {
  const open = state.values.joinUrl || state.values.dialIn || state.errors?.joinUrl || state.errors?.dialIn;
  return html`<details${open ? html` open` : ''}><summary>Online or hybrid meeting</summary><p class="hint">${hint} Both appear in every email about the meeting and in the calendar invitation.</p>
${field(form, 'joinUrl', state, { type: 'url', hint: 'The https:// link members follow to join, as the meeting service gives it.' })}
${field(form, 'dialIn', state, { type: 'textarea', hint: 'Phone numbers, conference id and PIN; a few lines at most.' })}</details>`;
}

/**
 * "Cancel this cycle". One that has not started never will, and nothing is sent for it. One that has
 * started is stopped, and everyone invited is told the reason (required) with a calendar cancellation.
 */
export function cancelForm(action: string, csrf: string, state: FormState, started = false): SafeHtml {
  const confirmError = state.errors?.confirm;
  const warning = started
    ? html`<p class="error"><strong>This cannot be undone.</strong> The cycle stops where it is, and every member (and anyone else invited) is sent
your reason and a calendar cancellation that clears the meeting from their diary. Links in earlier emails stop working. Open actions stay with the board.</p>`
    : html`<p class="error"><strong>This cannot be undone.</strong> The cycle will not start, and nothing is sent for it. You can start a new cycle for the same date from the board's page.</p>`;
  return html`<form method="post" action="${action}" class="card" novalidate><h3>Cancel this cycle</h3>${problem(state)}
${warning}
<input type="hidden" name="csrf" value="${csrf}">
${field('cancel', 'reason', state, { type: 'textarea', required: started, hint: started ? 'Required: it is told to everyone invited.' : 'Optional; kept with the cycle.' })}
${confirmError ? html`<p class="error" id="${errorId('cancel', 'confirm')}">${confirmError}</p>` : ''}
<label class="inline" for="cancel-confirm"><input type="checkbox" id="cancel-confirm" name="confirm" value="yes"${state.values.confirm === 'yes' ? html` checked` : ''}${confirmError ? html` aria-describedby="${errorId('cancel', 'confirm')}"` : ''}> ${LABELS.confirm}</label>
<button type="submit" class="danger">Cancel this cycle</button></form>`;
}

/** "Resume the cycle": for a failed cycle, once its cause is fixed. */
export function resumeForm(action: string, csrf: string, state: FormState): SafeHtml {
  return html`<form method="post" action="${action}" class="card" novalidate><h3>Resume the cycle</h3>${problem(state)}
<p>The cycle goes on from the step that stopped. Emails that already went are not sent again, and the secretariat is told.</p>
<input type="hidden" name="csrf" value="${csrf}">
${field('resume', 'reason', state, { type: 'textarea', hint: 'Optional: why it can go on now. Kept with the cycle and told to the secretariat.' })}
<button type="submit">Resume the cycle</button></form>`;
}

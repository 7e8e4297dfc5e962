import { html, type SafeHtml } from '../../../shared/domain/html';
import { describeLateItemState, lateItemState, MAX_REASON_CHARS, URGENCY_STATUTE, type LateItem } from '../../../shared/domain/late-items';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { form, notice, page, type HttpResponse } from '../../page';
import type { LinkContext, LinkPage } from '../types';
import { decideLateItem, findLateItem, lateItemDecisionForm } from './core';

/** The buttons the robot in local/personas presses, by these labels. */
export const APPROVE_LATE_ITEM_BUTTON = 'Approve as urgent business';
export const REFUSE_LATE_ITEM_BUTTON = 'Refuse the item';

function itemFacts(cycle: CycleContext, item: LateItem): SafeHtml {
  const presenter = cycle.members.find((m) => m.memberId === item.presenterMemberId)?.name;
  return html`<table><tbody><tr><th scope="row">Item</th><td>${item.title}</td></tr>
<tr><th scope="row">Purpose</th><td>${item.purpose}</td></tr>
${presenter ? html`<tr><th scope="row">Presenter</th><td>${presenter}</td></tr>` : ''}
<tr><th scope="row">Confidential</th><td>${item.confidential ? 'Yes: left out of the public pack' : 'No'}</td></tr>
<tr><th scope="row">Added by</th><td>${item.addedBy}, ${cycle.when(item.addedAt)}</td></tr>
<tr><th scope="row">Why it cannot wait</th><td>${item.reason}</td></tr></tbody></table>`;
}

/** The item, the statutory test, and the two answers: approve with the reason (pre-filled with the secretariat's), or refuse. */
function decisionPage(c: LinkContext, item: LateItem, problem?: string): HttpResponse {
  const meeting = c.cycle.when(c.cycle.cycle.timeline.meeting);
  const approve = html`<input type="hidden" name="decision" value="approve">
      <label for="reason">The special circumstances that make it urgent</label>
      <small>Printed on the supplementary agenda and in the minutes. Edit the secretariat's words as you wish.</small>
      <textarea id="reason" name="reason" maxlength="${MAX_REASON_CHARS}" required>${item.reason}</textarea>`;
  const refuse = html`<input type="hidden" name="decision" value="refuse">
      <label for="refuse-reason">Why not (optional; the secretariat sees it)</label>
      <textarea id="refuse-reason" name="reason" maxlength="${MAX_REASON_CHARS}"></textarea>`;
  const body = html`${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
      ${notice(`The secretariat asks to take this item at the meeting on ${meeting}, although it was not on the agenda that went out.`)}
      ${itemFacts(c.cycle, item)}
      <p>You may agree only if you are of the opinion that it should be considered at the meeting as a matter of urgency
      by reason of special circumstances, which you specify (${URGENCY_STATUTE}). If you have not decided when the meeting starts, the item is not taken.</p>
      <h2>Approve</h2>${form(c.self, c.csrf, approve, APPROVE_LATE_ITEM_BUTTON)}
      <h2>Or refuse</h2>${form(c.self, c.csrf, refuse, REFUSE_LATE_ITEM_BUTTON)}`;
  return page(problem ? 422 : 200, `Urgent item for ${c.cycle.board.name}: approve or refuse`, body);
}

/** The item has been decided (by this link or another), or the meeting started first. */
function decidedPage(cycle: CycleContext, item: LateItem, now: Date, status = 200): HttpResponse {
  const meeting = cycle.cycle.timeline.meeting;
  const titles = { approved: 'Approved as urgent business', refused: 'Refused', 'not-taken': 'Not taken', 'awaiting-chair': 'Not decided yet' } as const;
  return page(
    status,
    titles[lateItemState(item, meeting, now)],
    html`${notice(describeLateItemState(item, meeting, now, cycle.when))}${itemFacts(cycle, item)}`,
  );
}

/**
 * The chair approves or refuses an item the secretariat added after the agenda went out. GET shows the
 * item and the two answers; POST records the decision once (a second one changes nothing and shows the
 * first). The link stops working when the meeting starts: an item not decided by then is not taken.
 */
export const decideLateItemPage: LinkPage<'decide-late-item'> = {
  purpose: 'decide-late-item',
  async show(c) {
    const item = findLateItem(c.cycle, c.link.subject);
    return item.decision ? decidedPage(c.cycle, item, c.d.clock.now()) : decisionPage(c, item);
  },
  expired(c, contact) {
    const item = c.cycle.cycle.lateItems?.find((l) => l.lateItemId === c.link.subject);
    const started = `The meeting started on ${c.cycle.when(c.cycle.cycle.timeline.meeting)}`;
    const said = item?.decision
      ? describeLateItemState(item, c.cycle.cycle.timeline.meeting, new Date(0), c.cycle.when)
      : `${started} before a decision: the item was not taken.`;
    return page(410, 'The meeting has started', html`${notice(said)}<p>Nothing more is needed. Questions: ${contact}.</p>`);
  },
  async perform(c, raw) {
    const item = findLateItem(c.cycle, c.link.subject);
    const parsed = lateItemDecisionForm.safeParse(raw);
    if (!parsed.success) return { outcome: '', response: decisionPage(c, item, parsed.error.issues.map((i) => i.message).join(' ')) };
    const done = await decideLateItem(c.d, { cycle: c.cycle, lateItemId: item.lateItemId, chair: c.holder, form: parsed.data });
    const now = c.d.clock.now();
    if (!done.decidedNow) return { outcome: '', response: decidedPage(c.cycle, done.item, now, 409) };
    const outcome = describeLateItemState(done.item, c.cycle.cycle.timeline.meeting, now, c.cycle.when);
    const next =
      done.item.decision?.decision === 'approved'
        ? html`<p>Members get it on a supplementary agenda ${done.circulates ?? 'before the meeting'}, with your reason. The secretariat has been told.</p>`
        : html`<p>It is not on the agenda. The secretariat has been told.</p>`;
    return { outcome, response: page(200, 'Thank you: your decision is recorded', html`${notice(outcome)}${next}`) };
  },
};

import { resumePhase } from '../../../admin/move-meeting';
import { formatBoardDateTime } from '../../../shared/domain/calendar';
import { wordsFor } from '../../../shared/domain/cycle-standing';
import { html, type SafeHtml } from '../../../shared/domain/html';
import { RESUMABLE_STATES, RESUME_NEEDS, type ResumableState } from '../../../shared/domain/states';
import type { Cycle, MinutesVersion } from '../../../shared/domain/types';
import { failureWords, readable } from '../words';

const resumable = (state: string): state is ResumableState => (RESUMABLE_STATES as readonly string[]).includes(state);

/** Whether resuming can work, from what the step it re-enters needs; a sentence when it cannot. */
export function whyNotResumable(cycle: Cycle, minutes: MinutesVersion | undefined): string | undefined {
  const at = resumePhase(cycle.phase);
  if (!resumable(at)) return `The cycle stopped while ${wordsFor(cycle.phase).step}, which cannot be resumed from the console.`;
  const needs: readonly string[] = RESUME_NEEDS[at];
  if (needs.length > 0 && !minutes) return 'It needs the minutes to go on, and none have been saved.';
  if (needs.includes('approval') && minutes?.status !== 'approved') return `It needs approved minutes to go on; version ${minutes?.version} is not approved.`;
  return undefined;
}

/** What failed, in plain words: the step, the cause made readable, and when. */
export function failureSection(cycle: Cycle, timeZone: string, minutes: MinutesVersion | undefined): SafeHtml {
  if (cycle.status !== 'failed') return html``;
  const failure = cycle.failure;
  const blocked = whyNotResumable(cycle, minutes);
  return html`<section class="error" aria-labelledby="failure-heading"><h2 id="failure-heading">The cycle has stopped</h2>
<p>It stopped while ${wordsFor(cycle.phase).step}${failure ? `, on ${formatBoardDateTime(failure.at, timeZone)}` : ''}.</p>
${failure ? html`<p>${failureWords(failure.error)}</p><p>Details: ${readable(failure.cause)}</p>` : ''}
<p>${blocked ?? 'Once the cause is fixed, resume the cycle: it goes on from the step that stopped, and nothing already sent goes again.'}</p></section>`;
}

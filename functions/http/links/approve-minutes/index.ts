import { parseOrThrow } from '../../../shared/domain/validate';
import type { LinkPage } from '../types';
import { answerMinutes, minutesToAnswer } from './core';
import { answeredPage, approvalPage } from './page';
import { minutesAnswerForm } from './schema';

/** The chair reads the minutes and approves them or asks for changes; the POST resumes the cycle. */
export const approveMinutesPage: LinkPage<'approve-minutes'> = {
  purpose: 'approve-minutes',
  async show(c) {
    const { minutes, text } = await minutesToAnswer(c.d, c.cycle.cycle.cycleId, Number(c.link.subject));
    return approvalPage(c, minutes, text);
  },
  async perform(c, raw) {
    const answer = parseOrThrow(minutesAnswerForm, raw, 'answer');
    const outcome = await answerMinutes(c.d, c.cycle, { version: Number(c.link.subject), chair: c.holder, answer });
    return { outcome, response: answeredPage(answer, outcome) };
  },
};

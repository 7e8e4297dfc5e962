import { extractActions } from '../../../shared/domain/minutes';
import { parseOrThrow } from '../../../shared/domain/validate';
import { download } from '../../page';
import type { LinkPage } from '../types';
import { exportMinutes, presignMinutesUpload, readUpload, sendMinutes, startingText } from './core';
import { editPage, notFoundPage, reviewPage, sentPage, uploadedPage } from './page';
import { minutesForm } from './schema';

/**
 * The secretariat writes the minutes from a pre-filled draft (or revises the last version after the
 * chair's comments), in the page or in a downloaded copy uploaded again. Saving keeps a new version and
 * sends it to the chair.
 */
export const submitMinutesPage: LinkPage<'submit-minutes'> = {
  purpose: 'submit-minutes',
  async show(c) {
    if (c.rest === 'draft.docx' || c.rest === 'draft.md') {
      const file = await exportMinutes(c.d, c.cycle, c.rest === 'draft.docx' ? 'docx' : 'md');
      return download(file.fileName, file.contentType, file.body);
    }
    if (c.rest) return notFoundPage();
    // Reads the upload and shows its text; nothing is stored until the secretariat saves.
    if (c.query.key) return uploadedPage(c, await readUpload(c.d, c.cycle.cycle.cycleId, c.query.key));
    const start = await startingText(c.d, c.cycle);
    return editPage(c, start, await presignMinutesUpload(c.d, c.cycle.cycle.cycleId, `${c.d.config.appUrl}${c.self}`));
  },
  async perform(c, raw) {
    const { text, step } = parseOrThrow(minutesForm, raw, 'minutes');
    // Read before anything is stored: minutes the cycle cannot read are refused with what is missing.
    const actions = extractActions(text);
    if (step !== 'send') return { outcome: '', response: reviewPage(c, text, actions) };
    const outcome = await sendMinutes(c.d, { cycleId: c.cycle.cycle.cycleId, author: c.holder, text });
    return { outcome, response: sentPage(outcome) };
  },
};

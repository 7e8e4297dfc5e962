import { SUBMIT_PAPER_BUTTON } from '../../functions/http/links/upload-paper/page';
import { follow, makePdf, submit, upload } from '../people';
import type { Persona, PersonaContext } from './context';

const pdf = (subject: string) => ({ name: 'paper.pdf', type: 'application/pdf', content: makePdf(subject) });

/** Uploads and submits a paper from an upload link held back until now (see `uploadAfterCirculation`). */
export async function uploadHeldPaper(link: string, who: string, subject: string, did: PersonaContext['did']): Promise<void> {
  const uploaded = await upload(await follow(link), pdf(subject));
  const submitted = uploaded.status === 200 ? await submit(uploaded, SUBMIT_PAPER_BUTTON) : uploaded;
  if (submitted.status !== 200) throw new Error(`${who} could not upload a paper: HTTP ${submitted.status} ${submitted.title}`);
  did(`${who} uploaded a paper (${subject})`);
}

/**
 * A presenter answers a paper request or reminder: uploads the paper at once, or (as the options say,
 * by item order) holds it until the papers have gone out, waits for the reminder, or never uploads.
 */
export const uploadPaper: Persona = async (email, { state, who, link, open, expectOk, did }) => {
  const to = email.to[0] ?? '';
  if (state.neverUpload.has(to) || state.heldUploads.some((h) => h.link === link || email.to[0] === h.who)) return;
  const request = email.kind === 'paper-request';
  if (request && state.afterCirculationLeft > 0) {
    state.afterCirculationLeft--;
    state.heldUploads.push({ who: to, link, subject: email.subject });
    did(`${who} will upload only after the papers have gone out`);
    return;
  }
  if (request && state.lateLeft === 0 && state.missingLeft > 0) {
    state.missingLeft--;
    state.neverUpload.add(to);
    did(`${who} will not upload a paper`);
    return;
  }
  if (request && state.lateLeft > 0) {
    state.lateLeft--;
    did(`${who} will upload after a reminder`);
    return;
  }
  const uploaded = await upload(await open(), pdf(email.subject));
  expectOk(uploaded, 'Uploading');
  expectOk(await submit(uploaded, SUBMIT_PAPER_BUTTON), 'Submitting the paper');
  did(`${who} uploaded a paper (${email.subject})`);
};

import { NotFoundError } from '../shared/domain/errors';
import { extractActions } from '../shared/domain/minutes';
import type { CoreDeps } from '../shared/ports';
import type { MinutesRef } from './schema';

/** Reads the actions from a saved minutes version and keeps them on it for the chair to see. */
export const makeExtractActions =
  (d: Pick<CoreDeps, 'cycles' | 'documents'>) =>
  async (input: MinutesRef): Promise<{ actions: number; unassigned: number }> => {
    const minutes = await d.cycles.getMinutes(input.cycleId, input.minutesVersion);
    if (!minutes) throw new NotFoundError(`Minutes version ${input.minutesVersion} of cycle "${input.cycleId}" does not exist.`);
    const actions = extractActions(await d.documents.getText(minutes.s3Key));
    await d.cycles.updateMinutes(input.cycleId, minutes.version, { actions }, minutes.status);
    return { actions: actions.length, unassigned: actions.filter((a) => a.ownersAsWritten.length === 0).length };
  };

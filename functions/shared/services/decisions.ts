import { meetingDecisions } from '../domain/decisions';
import { ValidationError } from '../domain/errors';
import { decisionsInMinutes } from '../minutes';
import type { CoreDeps } from '../ports';

/**
 * Reads the decisions from a meeting's approved minutes into the board's decisions register. Idempotent:
 * a retried publish stores the same decisions under the same keys. Minutes the reader cannot read as
 * minutes (an upload of something else, approved all the same) add no decisions rather than stopping
 * the publication.
 * @returns how many decisions were stored
 */
export async function recordDecisions(
  d: Pick<CoreDeps, 'actions'>,
  meeting: { boardId: string; cycleId: string; meetingAt: string },
  text: string,
): Promise<number> {
  let found: ReturnType<typeof decisionsInMinutes>;
  try {
    found = decisionsInMinutes(text);
  } catch (err) {
    if (err instanceof ValidationError) return 0;
    throw err;
  }
  await d.actions.putDecisions(meeting.boardId, meetingDecisions(meeting, found));
  return found.length;
}

import type { Attachment } from '../ports';
import type { CycleContext } from './cycle-context';
import { INVITATION_CONTENT_TYPE, INVITATION_FILE_NAME, meetingInvitation } from '../documents/ics';
import type { Member } from '../domain/types';

/**
 * The meeting as a calendar invitation for one member. Its UID is the cycle's, and its SEQUENCE counts
 * the moves, so each email that carries it updates the same event in the member's calendar. None when
 * the board has no secretariat to organise it.
 */
export function invitationFor(ctx: CycleContext, member: Member, issuedAt: Date, description?: string): Attachment[] {
  const organizer = ctx.secretariat[0];
  if (!organizer) return [];
  const content = meetingInvitation({
    cycleId: ctx.cycle.cycleId,
    sequence: ctx.cycle.moves?.length ?? 0,
    start: ctx.cycle.timeline.meeting,
    board: ctx.board.name,
    venue: ctx.cycle.meeting.venue,
    ...(description ? { description } : {}),
    organizer: { name: organizer.name, email: organizer.email },
    attendee: { name: member.name, email: member.email },
    issuedAt: issuedAt.toISOString(),
  });
  return [{ fileName: INVITATION_FILE_NAME, contentType: INVITATION_CONTENT_TYPE, content }];
}

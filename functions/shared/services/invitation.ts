import type { Attachment } from '../ports';
import type { CycleContext } from './cycle-context';
import {
  CANCELLATION_CONTENT_TYPE,
  INVITATION_CONTENT_TYPE,
  INVITATION_FILE_NAME,
  meetingCancellation,
  meetingInvitation,
  type MeetingInvitationInput,
} from '../documents/ics';
import type { Member } from '../domain/types';

type Invitee = Pick<Member, 'name' | 'email'>;

/** What every revision of the cycle's calendar event says, for one person: the same UID each time. */
function eventFor(ctx: CycleContext, person: Invitee, issuedAt: Date, sequence: number, description?: string): MeetingInvitationInput | undefined {
  const organizer = ctx.secretariat[0];
  if (!organizer) return undefined;
  return {
    cycleId: ctx.cycle.cycleId,
    sequence,
    start: ctx.cycle.timeline.meeting,
    board: ctx.board.name,
    venue: ctx.cycle.meeting.venue,
    ...(description ? { description } : {}),
    ...(ctx.cycle.online ? { online: ctx.cycle.online } : {}),
    organizer: { name: organizer.name, email: organizer.email },
    attendee: { name: person.name, email: person.email },
    issuedAt: issuedAt.toISOString(),
  };
}

/**
 * The meeting as a calendar invitation for one member. Its UID is the cycle's, and its SEQUENCE counts
 * the moves, so each email that carries it updates the same event in the member's calendar. None when
 * the board has no secretariat to organise it.
 */
export async function invitationFor(ctx: CycleContext, member: Member, issuedAt: Date, description?: string): Promise<Attachment[]> {
  const event = eventFor(ctx, member, issuedAt, ctx.cycle.moves?.length ?? 0, description);
  return event ? [{ fileName: INVITATION_FILE_NAME, contentType: INVITATION_CONTENT_TYPE, content: await meetingInvitation(event) }] : [];
}

/**
 * The calendar cancellation of the meeting for one person (METHOD:CANCEL, STATUS:CANCELLED): the
 * invitation's UID, and a SEQUENCE one above the last invitation's (which counts the moves), so their
 * calendar takes it and clears the event. None when the board has no secretariat to organise it.
 */
export async function cancellationFor(ctx: CycleContext, person: Invitee, issuedAt: Date): Promise<Attachment[]> {
  const event = eventFor(ctx, person, issuedAt, (ctx.cycle.moves?.length ?? 0) + 1);
  return event ? [{ fileName: INVITATION_FILE_NAME, contentType: CANCELLATION_CONTENT_TYPE, content: await meetingCancellation(event) }] : [];
}

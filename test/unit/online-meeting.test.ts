import { makeStartCycle, startCycleInput } from '../../functions/admin/start-cycle';
import { makeMoveMeeting } from '../../functions/admin/move-meeting';
import { agendaCallEmail, meetingCancelledEmail } from '../../functions/emails';
import { ValidationError } from '../../functions/shared/domain/errors';
import { changedOnline, dialInProblem, joinUrlProblem, normaliseDialIn, onlineLines } from '../../functions/shared/domain/online-meeting';
import { fakeDeps } from '../support/fakes';
import { BOARD, NOW, scenario } from './cores/scenario';

const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d';

describe('the joining link', () => {
  it('accepts an https link as the meeting service gives it', () => {
    expect(joinUrlProblem(JOIN)).toBeUndefined();
    expect(joinUrlProblem('https://us02web.zoom.us/j/81234567890?pwd=abc')).toBeUndefined();
  });

  it.each([
    ['javascript:alert(document.cookie)', 'must start with https://'],
    ['JavaScript:alert(1)', 'must start with https://'],
    ['http://meet.example.org/j/1', 'must start with https:// (not http:)'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'must start with https://'],
    ['https://meet.example.org/j/1\r\nX-INJECTED:1', 'contains spaces, quotes or control characters'],
    ['https://meet.example.org/"><script>', 'contains spaces, quotes or control characters'],
    ['https://meet.example.org/\u202Eevil', 'contains spaces, quotes or control characters'],
    ['https://localhost/j/1', 'has no host name'],
    ['https://user:secret@meet.example.org/j/1', 'must not carry a user name or password'],
    ['meet.example.org/j/1', 'is not a web address'],
    [`https://meet.example.org/${'a'.repeat(2000)}`, 'is longer than 2000 characters'],
  ])('refuses a link, saying why: %#', (url: string, why: string) => {
    expect(joinUrlProblem(url)).toContain(why);
  });
});

describe('dial-in text', () => {
  it('keeps its lines, whatever line breaks the form sent', () => {
    expect(normaliseDialIn('  020 7946 0000 \r\nConference id 123\rPIN 4321#\n\n\n\nThanks ')).toBe('020 7946 0000\nConference id 123\nPIN 4321#\n\nThanks');
    expect(onlineLines({ dialIn: '020 7946 0000\nPIN 1#' })).toEqual(['Dial-in:', '020 7946 0000', 'PIN 1#']);
  });

  it('refuses control characters and bidi controls', () => {
    expect(dialInProblem('020\u0000')).toContain('control characters');
    expect(dialInProblem('020\u000b7946')).toContain('control characters');
    expect(dialInProblem('PIN \u202E1234')).toContain('control characters');
    expect(dialInProblem('x'.repeat(501))).toContain('longer than 500');
  });

  it('keeps what a move does not change', () => {
    expect(changedOnline({ joinUrl: JOIN, dialIn: 'a' }, { dialIn: 'b' })).toEqual({ online: { joinUrl: JOIN, dialIn: 'b' } });
    expect(changedOnline({ joinUrl: JOIN }, {})).toEqual({});
  });
});

describe('starting a cycle with joining details', () => {
  it('records them on the cycle; a blank field means none', async () => {
    const d = fakeDeps({ now: NOW });
    await d.boards.putBoard(BOARD);
    const { cycle } = await makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10', joinUrl: ` ${JOIN} `, dialIn: '020 7946 0000\r\nPIN 1#' });
    expect(cycle.online).toEqual({ joinUrl: JOIN, dialIn: '020 7946 0000\nPIN 1#' });
    const blank = startCycleInput.parse({ boardId: 'b', meetingDate: '2027-03-10', joinUrl: '', dialIn: '  ' });
    expect([blank.joinUrl, blank.dialIn]).toEqual([undefined, undefined]);
  });

  it.each([
    ['a javascript: link', { joinUrl: 'javascript:alert(1)' }, 'the joining link must start with https://'],
    ['dial-in text with control characters', { dialIn: '020\u0000\u001b[2J' }, 'the dial-in text contains control characters'],
  ])('refuses %s with a clear message, storing nothing', async (_, hostile, message) => {
    const d = fakeDeps({ now: NOW });
    await d.boards.putBoard(BOARD);
    const start = makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10', ...hostile });
    await expect(start).rejects.toThrow(ValidationError);
    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10', ...hostile })).rejects.toThrow(message);
    expect(await d.cycles.listCycles('b')).toEqual([]);
    expect(d.workflow.started).toHaveLength(0);
  });

  it('refuses a hostile link on a move, changing nothing', async () => {
    const { d, cycle } = await scenario({ cycle: { executionArn: 'arn:aws:states:eu-west-2:1:execution:m:c' } });
    await expect(makeMoveMeeting(d)({ cycleId: 'c', meetingDate: '2027-03-17', joinUrl: 'javascript:alert(1)' })).rejects.toThrow('must start with https://');
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
  });
});

describe('emails about an online meeting', () => {
  const base = { board: 'Finance Committee', secretariatEmail: 'committees@example.org' };
  const online = { joinUrl: JOIN, dialIn: '020 7946 0000\nPIN 4321#' };

  it('give the joining link and the dial-in text in both parts', () => {
    const email = agendaCallEmail({
      ...base,
      meetingWhen: 'Wednesday 10 March 2027, 15:30',
      venue: 'Committee Room 2',
      itemDeadline: 'Wednesday 17 February 2027, 17:00',
      proposeUrl: 'https://app.example.org/l/abc',
      keyDates: [],
      online,
    });
    expect(email.text).toContain(`Join the meeting: ${JOIN}`);
    expect(email.text).toContain('020 7946 0000\n    PIN 4321#');
    expect(email.html).toContain(`href="${JOIN.replace(/&/g, '&amp;')}"`);
    // The email's own action stays its first link.
    expect(email.text.indexOf('https://app.example.org/l/abc')).toBeLessThan(email.text.indexOf(JOIN));
  });

  it('say in a cancellation which details are no longer in use', () => {
    const email = meetingCancelledEmail({
      ...base,
      meetingWhen: 'Wednesday 10 March 2027, 15:30',
      venue: 'Online',
      reason: 'Not quorate.',
      cancelledBy: 'Grace',
      online,
    });
    expect(email.text).toContain('Joining details (no longer in use)');
    expect(email.subject).toBe('Meeting cancelled: Finance Committee, Wednesday 10 March');
  });
});

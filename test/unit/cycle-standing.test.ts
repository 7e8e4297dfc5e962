import fs from 'node:fs';
import path from 'node:path';
import { STATE_WORDS, WAIT_AFTER, whereItStands, wordsFor } from '../../functions/shared/domain/cycle-standing';
import { STATES } from '../../functions/shared/domain/states';
import Holidays from 'date-holidays';
import { planBoardTimeline } from '../../functions/shared/domain/timeline';
import { workingCalendarOf } from '../../functions/shared/domain/working-calendar';
import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import type { Cycle } from '../../functions/shared/domain/types';

const TZ = 'Europe/London';
const { timeline } = planBoardTimeline(
  { timeZone: TZ, rules: DEFAULT_RULES },
  workingCalendarOf(Holidays, { country: 'GB', state: 'ENG' }),
  { meetingDate: '2027-03-10', meetingTime: '15:30' },
  new Date('2027-01-04T09:00:00Z'),
);
const cycle = (extra: Partial<Cycle>): Parameters<typeof whereItStands>[0] => ({ status: 'running', phase: STATES.PlanTimeline, timeline, ...extra });
const STATE_NAME = /\b[A-Z][a-z]+[A-Z][A-Za-z]*\b/;

describe('the words for where a cycle stands', () => {
  it.each(Object.values(STATES))('has words for %s, which never name a state', (state) => {
    const words = wordsFor(state);
    const sentence = whereItStands(cycle({ phase: state }), TZ);
    const failed = whereItStands(cycle({ phase: state, status: 'failed' }), TZ);

    expect(words).toBe(STATE_WORDS[state]);
    expect(sentence.length).toBeGreaterThan(5);
    expect(words.step.length).toBeGreaterThan(5);
    for (const text of [sentence, failed]) expect(text).not.toMatch(STATE_NAME);
  });

  it('covers exactly the states of the state machine', () => {
    expect(Object.keys(STATE_WORDS).sort()).toEqual(Object.keys(STATES).sort());
  });

  it('says the dates a waiting cycle waits for, in the board zone', () => {
    expect(whereItStands(cycle({ phase: STATES.WaitForAgendaCall }), TZ)).toBe(`Waiting for the agenda call on Wednesday 10 February`);
    expect(whereItStands(cycle({ phase: STATES.WaitForPaperDeadline }), TZ)).toMatch(/^Collecting papers until \w+day \d+ \w+, 17:00$/);
    expect(whereItStands(cycle({ phase: STATES.WaitForAgendaConfirmation }), TZ)).toBe('Waiting for the secretariat to confirm the agenda');
  });

  it('reads the status first: scheduled, cancelled, completed, failed', () => {
    expect(
      whereItStands(cycle({ status: 'scheduled', scheduledStart: { at: timeline.agendaCall, confirmedBy: 's', confirmedAt: timeline.agendaCall } }), TZ),
    ).toBe('Scheduled: it starts by itself with the agenda call on Wednesday 10 February, 09:00');
    expect(whereItStands(cycle({ status: 'cancelled', cancellation: { by: 'Sam', at: '2027-01-05T10:00:00Z' } }), TZ)).toBe(
      'Cancelled by Sam on Tuesday 5 January',
    );
    expect(whereItStands(cycle({ status: 'scheduled', executionArn: 'arn:x' }), TZ)).toBe('Starting the cycle');
    expect(whereItStands(cycle({ status: 'scheduled' }), TZ)).toBe('Recorded, but not started yet');
    expect(whereItStands(cycle({ status: 'completed', phase: STATES.CloseCycle }), TZ)).toMatch(/^Finished/);
    expect(whereItStands(cycle({ status: 'failed', phase: STATES.CirculatePapers }), TZ)).toBe(
      "Stopped while sending the papers to members: it needs the secretariat's attention",
    );
  });

  it('gives plain words for a phase no state has', () => {
    expect(whereItStands(cycle({ phase: 'SomethingOld' }), TZ)).toBe('In progress');
  });
});

describe('a cycle between steps', () => {
  const asl = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'statemachines', 'meeting-cycle.asl.json'), 'utf8')) as {
    States: Record<string, { Type: string; Next?: string; TimestampPath?: string }>;
  };

  it.each(Object.entries(WAIT_AFTER))('knows that %s hands over to the timer the state machine says', (task, { wait, ...rest }) => {
    // Directly, or through a Choice (the follow-up checks whether a later cycle has taken over first).
    const next = asl.States[task]?.Next ?? '';
    const via = asl.States[next];
    expect(next === wait || (via?.Type === 'Choice' && JSON.stringify(via).includes(`"${wait}"`))).toBe(true);
    // The follow-up sleeps in a callback (a change to an action wakes it); every other timer is a Wait.
    expect(asl.States[wait]?.Type).toBe(task === 'SendActionReminders' ? 'Task' : 'Wait');
    const until = (rest as { until?: string }).until;
    if (until) expect(asl.States[wait]?.TimestampPath).toContain(until);
  });

  it('is waiting for the next milestone once the step before it is done, and says so', () => {
    const before = new Date(Date.parse(timeline.agendaCall) - 3600_000);
    expect(whereItStands(cycle({ phase: STATES.PlanTimeline }), TZ, before)).toBe('Waiting for the agenda call on Wednesday 10 February');
    expect(whereItStands(cycle({ phase: STATES.PlanTimeline }), TZ, new Date(timeline.agendaCall))).toBe('Planning the dates of the cycle');
    expect(whereItStands(cycle({ phase: STATES.SendActionReminders }), TZ, before)).toBe('Following up the actions until the next meeting takes over');
  });
});

import { ATTENDANCE_ROUTES } from '../../../functions/console/attendance/routes';
import { CYCLE_ROUTES } from '../../../functions/console/cycles/routes';
import type { ConsoleResponse, Principal } from '../../../functions/console/types';
import type { Board } from '../../../functions/shared/domain/types';
import { item } from '../../support/builders';
import { principal, routeContext } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { scenario } from '../cores/scenario';

const SECRETARIAT = principal('sam@example.org', { b: 'secretariat' });
const CHAIR = principal('cara@example.org', { b: 'chair' });
const AFTER_MEETING = '2027-03-11T09:00:00.000Z';

async function run(d: FakeDeps, who: Principal, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<ConsoleResponse> {
  const board = (await d.boards.getBoard('b')) as Board;
  const cycle = await d.cycles.getCycle('b', 'c');
  const ctx = routeContext(d, {
    principal: who,
    board,
    ...(cycle ? { cycle } : {}),
    params: { board: 'b', cycle: 'c' },
    ...(form ? { form: { csrf: 'test-csrf', ...form } } : {}),
  });
  const found = [...CYCLE_ROUTES, ...ATTENDANCE_ROUTES].find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found.handle(ctx);
}

const CYCLE_PAGE = '/console/boards/:board/cycles/:cycle';
const ATTENDANCE = '/console/boards/:board/cycles/:cycle/attendance';
const FORM_LINK = 'href="/console/boards/b/cycles/c/attendance"';

describe("the cycle page's link to the attendance form", () => {
  it('is offered once the meeting has taken place, and not before', async () => {
    const before = await scenario({ now: '2027-03-10T09:00:00.000Z' });
    expect(String((await run(before.d, SECRETARIAT, 'GET', CYCLE_PAGE)).body)).not.toContain(FORM_LINK);

    const { d } = await scenario({ now: AFTER_MEETING });
    const page = String((await run(d, SECRETARIAT, 'GET', CYCLE_PAGE)).body);
    expect(page).toContain(`<a ${FORM_LINK}>Record attendance</a>`);
    expect(String((await run(d, CHAIR, 'GET', CYCLE_PAGE)).body)).toContain(`<a ${FORM_LINK}>Attendance</a>`);
  });

  it('is not offered for a cancelled meeting', async () => {
    const { d } = await scenario({ now: AFTER_MEETING, cycle: { status: 'cancelled' } });
    expect(String((await run(d, SECRETARIAT, 'GET', CYCLE_PAGE)).body)).not.toContain(FORM_LINK);
  });
});

describe('recording attendance in the console', () => {
  it('puts the record on the audit trail, naming the secretariat who saved it', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await d.cycles.putItems('c', [item(1, 'Welcome')]);
    const fields = { version: '0', 'status:cara': 'present', 'status:ann': 'absent', 'status:bob': 'present' };

    const res = await run(d, SECRETARIAT, 'POST', ATTENDANCE, fields);

    expect(res.statusCode).toBe(303);
    expect((await d.cycles.getCycle('b', 'c'))?.attendanceRecord).toMatchObject({ version: 1, recordedBy: 'sam@example.org' });
    const [entry, ...more] = (await d.audit.list('b')).filter((e) => e.what.type === 'attendance-recorded');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      cycleId: 'c',
      who: { kind: 'secretariat', email: 'sam@example.org' },
      what: { type: 'attendance-recorded', version: 1, present: 2, apologies: 0, absent: 1 },
    });
  });
});

import { makeStartCycle } from '../../functions/admin/start-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(60_000);
const cloud = useLocalCloud();

beforeAll(async () => {
  const d = cloud().deps;
  const { cycle } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' });
  const [first] = await d.actions.createActions(DEMO_BOARD_ID, `${cycle.cycleId}#console`, [
    {
      cycleId: cycle.cycleId,
      ownerMemberIds: ['tom-okafor'],
      ownersAsWritten: ['Tom Okafor'],
      text: 'Circulate the <b>plan</b>.',
      due: '2027-02-15',
      status: 'open',
    },
    { cycleId: cycle.cycleId, ownerMemberIds: [], ownersAsWritten: ['MOPAC'], text: '=HYPERLINK("x") to partners.', status: 'open' },
  ]);
  await d.actions.recordUpdate(DEMO_BOARD_ID, first!.actionId, first!.version, {
    actionId: first!.actionId,
    at: '2026-11-03T10:00:00.000Z',
    by: 'tom-okafor',
    status: 'in-progress',
    note: 'Draft shared.',
  });
});

const get = (path: string) => fetch(`${cloud().appUrl}${path}`);

describe("the console's action register", () => {
  it('lists every action with owners, due date and latest update, escaped', async () => {
    const res = await get(`/actions?board=${DEMO_BOARD_ID}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Action register: Riverside Community Safety Board (2)');
    expect(page).toContain('Circulate the &lt;b&gt;plan&lt;/b&gt;.');
    expect(page).toContain('Unassigned (MOPAC)');
    expect(page).toContain('2026-11-03 in-progress: Draft shared.');
  });

  it('filters by status and exports what `cycle actions export` writes', async () => {
    expect(await (await get(`/actions?board=${DEMO_BOARD_ID}&status=open`)).text()).toContain('(1)');
    const csv = await get(`/actions.csv?board=${DEMO_BOARD_ID}`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${DEMO_BOARD_ID}-actions.csv"`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('number,status,owners,text,due,meeting,item,latestUpdate');
    // A formula-looking cell is defused for spreadsheets.
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"") to partners."`);
    const json = (await (await get(`/actions.json?board=${DEMO_BOARD_ID}&status=in-progress`)).json()) as { number: number }[];
    expect(json.map((r) => r.number)).toEqual([1]);
  });

  it('says so for a board that does not exist', async () => {
    const res = await get('/actions?board=nope');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no board');
  });
});

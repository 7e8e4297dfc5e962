import { APPROVE_BUTTON } from '../../functions/http/links/approve-minutes/page';
import type { LocalCloud } from '../../local/cloud';
import { runHarness, startFaultCloud, type HarnessReport, type Injection } from '../../local/faults';
import type { FaultInjector } from '../../local/faults/injector';

jest.setTimeout(240_000);

/**
 * The fault harness (`npm run bench:faults`) in small: one injection of each kind, on tasks that send
 * email and on the link pages, on a board of 10. Each must leave the cycle as the baseline left it.
 */
const CHOSEN: Record<string, (i: Injection) => boolean> = {
  'a crash after SendAgendaCall has sent the agenda call': (i) => i.fault.kind === 'crash-after' && i.target === 'SendAgendaCall',
  'a throttled first AWS call in NotifyActionOwners': (i) => i.fault.kind === 'throttle' && i.target === 'NotifyActionOwners',
  'a crash halfway through the circulation': (i) => i.fault.kind === 'crash-halfway' && i.target === 'CirculatePapers',
  "a double POST of the chair's approval": (i) => i.fault.kind === 'double-post' && i.target === APPROVE_BUTTON,
  'a failed resume when the agenda is confirmed': (i) => i.fault.kind === 'failed-resume' && i.target === 'WaitForAgendaConfirmation',
};

let cloud: LocalCloud | undefined;
let injector: FaultInjector;
let report: HarnessReport;

beforeAll(async () => {
  ({ cloud, injector } = await startFaultCloud());
  report = await runHarness(cloud, injector, {
    scenarios: ['cycle'],
    boardSize: 10,
    select: (i) => Object.values(CHOSEN).some((chosen) => chosen(i)),
  });
}, 240_000);

afterAll(async () => {
  await cloud?.stop();
}, 30_000);

describe('faults injected into the tasks that send email and into the link pages', () => {
  it('injects each chosen fault, and each fires', () => {
    expect(report.results.map((r) => Object.keys(CHOSEN).find((name) => CHOSEN[name]?.(r.injection)))).toEqual(expect.arrayContaining(Object.keys(CHOSEN)));
    expect(report.unfired).toEqual([]);
  });

  it.each(Object.keys(CHOSEN))('%s: no email twice, none lost, no update lost, nothing stuck', (name) => {
    const result = report.results.find((r) => CHOSEN[name]?.(r.injection));
    const d = result?.differences;
    // Resends (the same Message-ID again) are allowed; emails of purposes the baseline never had are shown, not counted.
    const shown = (d?.details ?? []).filter((line) => !line.startsWith('resent') && !line.startsWith('other email'));
    expect({ name, duplicates: d?.duplicateEmails, lost: d?.lostEmails, lostUpdates: d?.lostUpdates, stuck: d?.stuck, details: shown }).toEqual({
      name,
      duplicates: 0,
      lost: 0,
      lostUpdates: 0,
      stuck: 0,
      details: [],
    });
  });
});

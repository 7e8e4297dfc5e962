import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transitionsOf, type Usage } from '../../functions/shared/domain/cost';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { loadLocalDefinition } from '../../local/runtime/asl';
import { DEMO_BOARD_ID } from '../../local/seed';
import { awsCycleCommand, cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-cost-'));
const STATE = path.join(DIR, 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const local = cycleCommand(STATE);
const aws = awsCycleCommand(() => cloud().env, DIR);

interface CostJson {
  members: number;
  line: string;
  usage: Usage;
  rows: { source: string; usage: Usage }[];
  estimates: Record<string, string>;
}

let driven: DriveResult;

beforeAll(async () => {
  driven = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 0, followUpDays: 2 });
});

afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

describe('cycle cost', () => {
  it('reports on the local cloud what it metered: every transition, invocation and email of the cycle', async () => {
    expect(driven.status).toBe('SUCCEEDED');
    const out = await local('cost', '--cycle', driven.cycle.cycleId, '--json');
    expect(out.code).toBe(0);
    const cost = JSON.parse(out.stdout) as CostJson;
    const execution = cloud().sfn.describe(driven.cycle.executionArn ?? '');
    const plans = loadLocalDefinition().plans;
    const taskEntries = (execution?.events ?? []).filter(
      (e) => e.type === 'StateEntered' && ['task', 'callback'].includes(plans.get(e.state ?? '')?.kind ?? ''),
    );
    expect(cost.usage.transitions).toBe(transitionsOf(execution?.events ?? []));
    expect(cost.usage.emails).toBe(
      cloud()
        .mail.emails()
        .reduce((n, e) => n + e.to.length, 0),
    );
    expect(cost.usage.httpRequests).toBeGreaterThan(0);
    // Every task entry ran its function once (nothing failed), and every link request ran the Http function.
    const http = cost.rows.filter((r) => r.source === 'http').reduce((n, r) => n + r.usage.lambdaRequests, 0);
    expect(http).toBe(cost.usage.httpRequests);
    expect(cost.usage.lambdaRequests).toBe(taskEntries.length + cost.usage.httpRequests);
    expect(cost.usage.ddbWriteUnits).toBeGreaterThan(0);
    expect(cost.members).toBe(9);
    expect(cost.line).toMatch(
      /^cost: members=9 transitions=\d+ invocations=\d+ gb-s=[\d.]+ emails=\d+ ddb-wru=[\d.]+ ddb-rru=[\d.]+ s3-requests=\d+ total=\$\d\.\d{4}$/,
    );
  });

  it('reports with --aws from the execution history and the outbox, naming the estimates', async () => {
    const metered = JSON.parse((await local('cost', '--cycle', driven.cycle.cycleId, '--json')).stdout) as CostJson;
    const out = await aws('cost', '--cycle', driven.cycle.cycleId, '--aws');
    expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining('From the execution history and the outbox') });
    expect(out.stdout).toMatch(/DynamoDB write request units .*\(estimate\)/);
    const json = JSON.parse((await aws('cost', '--cycle', driven.cycle.cycleId, '--aws', '--json')).stdout) as CostJson;
    // Read, not estimated: the same transitions as the local cloud counted, and every email of the cycle's outbox.
    expect(json.usage.transitions).toBe(metered.usage.transitions);
    const outbox = await cloud().deps.outbox.listForCycle(driven.cycle.cycleId);
    expect(json.usage.emails).toBe(outbox.filter((e) => e.status === 'sent').length);
    expect(json.usage.emails).toBeGreaterThan(metered.usage.emails - 3);
    const tasks = metered.rows.filter((r) => !['http', 'people', 'state machine'].includes(r.source));
    expect(json.usage.lambdaRequests - json.usage.httpRequests).toBe(tasks.reduce((n, r) => n + r.usage.lambdaRequests, 0));
    expect(Object.keys(json.estimates)).toEqual(expect.arrayContaining(['ddbWriteUnits', 'ddbReadUnits', 'httpRequests', 'lambdaGbSeconds']));
    expect(json.estimates).not.toHaveProperty('transitions');
    expect(json.estimates).not.toHaveProperty('emails');
  });

  it('names a cycle that does not exist', async () => {
    const out = await local('cost', '--cycle', 'no-such-cycle');
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no cycle no-such-cycle.') });
  });
});

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../../cli/doctor/check';
import { LOCAL_REGION } from '../../local/emulators';
import { awsCycleCommand, cycleCommand, type CommandResult } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-doctor-'));
const STATE = path.join(HOME, 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cycle = cycleCommand(STATE);

afterAll(() => fs.rmSync(HOME, { recursive: true, force: true }));

/** A loopback address nothing listens on: the SES v1 and SNS calls, which the local cloud does not stand in for, are refused there. */
async function refusingEndpoint(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** `npx cycle doctor --aws …` as an operator runs it; SES v1 and SNS have no stand-in, so they refuse. */
const doctorAws = async (...args: string[]): Promise<CommandResult> => {
  const refused = await refusingEndpoint();
  return awsCycleCommand(
    () => cloud().env,
    HOME,
    () => ({ AWS_ENDPOINT_URL_SES: refused, AWS_ENDPOINT_URL_SNS: refused }),
  )('doctor', '--aws', ...args);
};

const byId = (stdout: string): Record<string, CheckResult> =>
  Object.fromEntries((JSON.parse(stdout) as { checks: CheckResult[] }).checks.map((c) => [c.id, c]));

describe('cycle doctor against the local cloud', () => {
  it('checks the local cloud, passes, and shows the AWS-only checks as skipped', async () => {
    cloud();
    const out = await cycle('doctor');
    expect(out).toMatchObject({ code: 0, stderr: '' });
    const lines = out.stdout.split('\n');
    for (const title of [
      'Local cloud',
      'App domain and /health',
      'DynamoDB table',
      'Documents bucket',
      'Step Functions state machine',
      'SES account (sandbox, quota)',
    ]) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^✓ ${title.replace(/[()]/g, '\\$&')} `)));
    }
    expect(out.stdout).toContain('production access; quota 14 a second');
    for (const title of ['Stack outputs', 'Sender identity (DKIM)', 'Inbound receipt rule set', 'Inbound MX record', 'Alarm email subscription']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^- ${title.replace(/[()]/g, '\\$&')} +skipped \\(AWS only\\)$`)));
    }
    expect(out.stdout).toContain('All checks passed.');
  });

  it('prints the same results as JSON for scripts', async () => {
    const out = await cycle('doctor', '--json');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { target: string; ok: boolean; checks: CheckResult[] };
    expect(report).toMatchObject({ target: 'local', ok: true });
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual({
      'local-cloud': 'ok',
      'stack-outputs': 'skip',
      'app-health': 'ok',
      table: 'ok',
      bucket: 'ok',
      'state-machine': 'ok',
      'sending-account': 'ok',
      'sender-identity': 'skip',
      'inbound-rule-set': 'skip',
      'inbound-mx': 'skip',
      'alarm-subscription': 'skip',
    });
  });

  it('fails, exit 1, with what to do when the local cloud has stopped', async () => {
    const stale = path.join(HOME, 'stale.json');
    fs.writeFileSync(stale, JSON.stringify({ ...JSON.parse(fs.readFileSync(STATE, 'utf8')), pid: 2 ** 22 + 1 }));
    const out = await cycleCommand(stale)('doctor');
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('cycle doctor: local-cloud failed.') });
    expect(out.stdout).toContain('✗ Local cloud');
    expect(out.stdout).toContain('→ The local cloud that wrote .local-data/local-cloud.json has stopped. Start it again with `npm start`.');
    expect(out.stdout).toMatch(/- DynamoDB table +skipped: the target cannot be reached/);
  });
});

describe('cycle doctor --aws against the local cloud standing in for a deployed stack', () => {
  it('passes what the stand-in answers, fails what it cannot with each fix, and exits 1', async () => {
    const out = await doctorAws('--json', '--timeout', '20');
    expect(out.code).toBe(1);
    const checks = byId(out.stdout);
    for (const id of ['stack-outputs', 'app-health', 'table', 'bucket', 'state-machine', 'sending-account'])
      expect({ id, status: checks[id]?.status }).toEqual({ id, status: 'ok' });
    expect(checks['local-cloud']).toMatchObject({ status: 'skip', detail: 'skipped (local cloud only)' });
    expect(checks['inbound-rule-set']).toMatchObject({
      status: 'fail',
      fix: `Make sure your AWS credentials may call ses:DescribeActiveReceiptRuleSet in ${LOCAL_REGION} and that the service is reachable, then run \`npx cycle doctor --aws\` again.`,
    });
    expect(checks['inbound-mx']).toMatchObject({
      status: 'fail',
      fix: `Add this DNS record: mail.meeting-cycle.localhost MX 10 inbound-smtp.${LOCAL_REGION}.amazonaws.com`,
    });
    // The mail capture answers SendEmail and GetAccount only: it has no identities to describe.
    expect(checks['sender-identity']).toMatchObject({ status: 'fail', fix: expect.stringContaining('ses:GetEmailIdentity') });
    // Until the local cloud has an alarm topic, the check says to redeploy; with one, its SNS call is refused.
    expect(checks['alarm-subscription']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/Redeploy to get alarms|may call sns:ListSubscriptionsByTopic/),
    });
    expect(out.stderr).toContain('failed.');
  });

  it('prints the report with a mark a check and the fix under each failure', async () => {
    const out = await doctorAws('--timeout', '20');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`cycle doctor: the stack MeetingCycle in ${LOCAL_REGION}`);
    expect(out.stdout).toMatch(/^✓ Stack outputs +all \d+ present, and InboundDomain$/m);
    expect(out.stdout).toMatch(/^✗ Inbound MX record +mail\.meeting-cycle\.localhost has no MX record/m);
    expect(out.stdout).toMatch(/^ +→ Add this DNS record: mail\.meeting-cycle\.localhost MX 10 inbound-smtp\./m);
    expect(out.stdout).toMatch(/^\d check\(s\) failed\.$/m);
  });

  it('fails the outputs check, and skips the rest, for a stack that does not exist', async () => {
    const out = await doctorAws('--stack', 'SomeoneElse', '--json');
    expect(out.code).toBe(1);
    const checks = byId(out.stdout);
    expect(checks['stack-outputs']).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('Stack with id SomeoneElse does not exist'),
      fix: expect.stringContaining('Deploy with `npx cdk deploy` first, or pass --stack <name>'),
    });
    expect(checks.table).toMatchObject({ status: 'skip' });
  });
});

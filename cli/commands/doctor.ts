import { Option, type Command } from 'commander';
import { MeetingCycleError } from '../../functions/shared/domain/errors';
import type { CheckResult, CheckStatus } from '../doctor/check';
import { runChecks } from '../doctor/check';
import { doctorContext } from '../doctor/context';
import { CHECKS } from '../doctor/registry';
import { DEFAULT_STACK } from '../target';

/** Some check failed: `cycle` prints this and exits 1, after the report. */
export class DoctorFailed extends MeetingCycleError {}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

/** The report a person reads: one line a check, and under each warning or failure what to do. */
export function formatReport(heading: string, results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.title.length));
  const lines = [heading, ''];
  for (const r of results) {
    lines.push(`${MARK[r.status]} ${r.title.padEnd(width)}  ${r.detail}`);
    if (r.fix && (r.status === 'fail' || r.status === 'warn')) lines.push(`  ${' '.repeat(width)}  → ${r.fix}`);
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  lines.push('', failed ? `${failed} check(s) failed.` : warned ? `All checks passed, ${warned} with a warning.` : 'All checks passed.');
  return lines.join('\n');
}

/** Adds `cycle doctor`: checks what CloudFormation cannot, on the deployed stack or the local cloud. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check a deploy: the stack’s outputs, the app answering, the table, bucket and state machine, SES (sandbox, sender DKIM), inbound mail (rule set, MX), the alarm subscription. Each failure says what to do.',
    )
    .option('--json', 'print JSON for scripts')
    .option('--aws', 'check the deployed stack (your AWS credentials) instead of the local cloud')
    .addOption(new Option('--stack <name>', 'CloudFormation stack name with --aws').default(DEFAULT_STACK))
    .addOption(new Option('--timeout <seconds>', 'how long each check may take').default(10).argParser(Number))
    .action(async (o: { json?: boolean; aws?: boolean; stack: string; timeout: number }) => {
      const timeoutMs = Math.max(1, o.timeout) * 1000;
      const ctx = await doctorContext({ ...(o.aws ? { aws: true } : {}), stack: o.stack, timeoutMs });
      const results = await runChecks(CHECKS, ctx, timeoutMs);
      const failed = results.filter((r) => r.status === 'fail');
      const where = ctx.target === 'aws' ? `the stack ${o.stack} in ${ctx.region}` : 'the local cloud';
      console.log(
        o.json
          ? JSON.stringify(
              { target: ctx.target, ...(ctx.target === 'aws' ? { stack: o.stack, region: ctx.region } : {}), ok: !failed.length, checks: results },
              null,
              2,
            )
          : formatReport(`cycle doctor: ${where}`, results),
      );
      if (failed.length) throw new DoctorFailed(`cycle doctor: ${failed.map((r) => r.id).join(', ')} failed.`);
    });
}

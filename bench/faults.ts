/**
 * `npm run bench:faults`: the proof that no fault loses or doubles anything. Runs whole cycles on the
 * local cloud and, for every Task state of the ASL, injects a crash after its side effects, a throttled
 * first AWS call and (for fan-outs) a crash halfway through its emails; for the link pages, a double POST
 * and a failed resume. Progress goes to stderr; the last line on stdout is the summary.
 */
import { parseArgs } from 'node:util';
import { KIND_LETTERS, runHarness, startFaultCloud, summaryLine, type FaultKind } from '../local/faults';
import { runBench } from './run-bench';

const HELP = `Usage: npm run bench:faults -- [--only <State>]... [--kind <a|b|c|d|e>]... [--no-control]

Runs the fault harness on the local cloud and prints, last:
  faults: tasks=<Task states> reached=<n> injections=<n> duplicate-emails=<n> lost-emails=<n> lost-updates=<n> stuck=<n> resends=<n>

  --only <State>   only inject into this Task state (or, for a double POST, the form with this button); repeatable
  --kind <letter>  only this kind of fault; repeatable:
                     a crash after the task's side effects   b throttled first AWS call
                     c crash halfway through a fan-out       d double POST of a link's form
                     e failed resume (the first SendTaskSuccess of a link's POST fails)
  --no-control     skip the control run (the cycle again without a fault)
  --help           this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true },
      'no-control': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const kinds = values.kind?.map((k): FaultKind => {
    const kind = KIND_LETTERS[k];
    if (!kind) throw new Error(`--kind ${k}: use one of ${Object.keys(KIND_LETTERS).join(', ')}`);
    return kind;
  });
  const started = Date.now();
  const { cloud, injector } = await startFaultCloud();
  try {
    const report = await runHarness(cloud, injector, {
      ...(values.only ? { only: values.only } : {}),
      ...(kinds ? { kinds } : {}),
      control: !values['no-control'],
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    for (const injection of report.unfired) process.stderr.write(`never fired: ${injection.name}\n`);
    process.stderr.write(`${report.results.length + report.unfired.length} runs in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    console.log(summaryLine(report));
  } finally {
    await cloud.stop();
  }
}

runBench(main);

import fs from 'node:fs';
import type { Command } from 'commander';
import { ValidationError } from '../../functions/shared/domain/errors';
import { readMinutesText } from '../../functions/shared/documents/minutes-file';
import { readMinutesInFull, type MinutesInFull, type ParsedMinutes, type Person } from '../../functions/shared/minutes';

const person = (p: Person) => [p.title, p.name].filter(Boolean).join(' ') + (p.role ? ` (${p.role})` : '');

/** The human summary of `cycle minutes parse`; the decisions and the checks of owners when given. */
export function formatParsedMinutes(m: ParsedMinutes & Partial<Pick<MinutesInFull, 'decisions' | 'ownerChecks'>>): string {
  const when = [m.meeting.date ?? 'date unknown', m.meeting.time, m.meeting.venue].filter(Boolean).join(', ');
  const next = m.nextMeeting ? [m.nextMeeting.date ?? 'to be confirmed', m.nextMeeting.time, m.nextMeeting.venue].filter(Boolean).join(', ') : 'not given';
  const out = [
    `${m.meeting.board ?? 'Minutes'}: ${when}`,
    `Present ${m.present.length} · apologies ${m.apologies.length} · officers ${m.officers.length}` +
      (m.presenting.length ? ` · presenting ${m.presenting.length}` : '') +
      (m.inAttendance.length ? ` · in attendance ${m.inAttendance.length}` : ''),
  ];
  if (m.apologies.length) out.push(`Apologies: ${m.apologies.map(person).join('; ')}`);
  out.push(`Items (${m.items.length}):`, ...m.items.map((i) => `  ${i.number}. ${i.title}`));
  out.push(`Actions (${m.actions.length}):`);
  for (const a of m.actions) {
    const label = a.number !== null ? `Action ${a.number}` : a.reference ? `Action ${a.reference}` : 'Action';
    out.push(`  ${label}${a.item ? ` (item ${a.item})` : ''}: ${a.text}`);
    out.push(`    owners: ${a.owners.length ? a.owners.join('; ') : 'none named'} · due: ${a.due ?? 'not stated'}`);
  }
  if (m.decisions) out.push(`Decisions (${m.decisions.length}):`, ...m.decisions.map((d) => `  ${d.item ? `(item ${d.item}) ` : ''}${d.text}`));
  out.push(`Next meeting: ${next}`);
  const checks = [...m.flags, ...(m.ownerChecks ?? [])];
  if (checks.length) out.push(`To check (${checks.length}):`, ...checks.map((f) => `  - ${f}`));
  return out.join('\n');
}

/**
 * Adds `cycle minutes parse <file> [--json]`: reads minutes (.txt, .md, .docx) on this machine, with no
 * cloud. A file that is missing, of the wrong type, or not minutes throws ValidationError, which `run()` prints
 * and turns into exit code 1.
 */
export function registerMinutesCommands(program: Command): Command {
  const minutes = program.command('minutes').description('Read minutes written by the secretariat');
  minutes
    .command('parse')
    .description('Read a minutes file (.txt, .md or .docx) and show the meeting, attendance, items, actions and what to check')
    .argument('<file>', 'the minutes file')
    .option('--json', 'print JSON for scripts')
    .action(async (file: string, o: { json?: boolean }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ValidationError(`There is no file ${file}.`);
      const parsed = readMinutesInFull(await readMinutesText(file, fs.readFileSync(file)));
      console.log(o.json ? JSON.stringify(parsed, null, 2) : formatParsedMinutes(parsed));
    });
  return minutes;
}

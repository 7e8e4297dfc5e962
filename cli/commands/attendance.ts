import { Option, type Command } from 'commander';
import { loadAttendanceReport, meetingWords } from '../../functions/admin/attendance-report';
import { attendanceCsv } from '../../functions/shared/domain/attendance-report';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, withCommon, type Common } from '../common';

/** Adds `cycle attendance`: who attended the board's meetings, per member and per meeting. */
export function registerAttendanceCommand(program: Command): void {
  withCommon(program.command('attendance'))
    .description("Attendance at the board's meetings, from the secretariat's records: per member and per meeting")
    .requiredOption('--board <id>', 'board id')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'csv', 'json']).default('text'))
    .action(async (o: Common & { board: string; format: 'text' | 'csv' | 'json' }) => {
      await connect(o);
      const report = await loadAttendanceReport(deps(), o.board);
      if (o.json || o.format === 'json') return console.log(JSON.stringify({ members: report.members, meetings: report.meetings }, null, 2));
      if (o.format === 'csv') {
        process.stdout.write(attendanceCsv(report));
        return;
      }
      if (report.meetings.length === 0) return console.log(`${report.board.name} has held no meetings yet.`);
      const width = Math.max(6, ...report.members.map((m) => m.name.length));
      const header = `${'Member'.padEnd(width)}  Meetings  Present  Apologies  Absent  Represented`;
      const rows = report.members.map(
        (m) =>
          `${m.name.padEnd(width)}  ${String(m.meetings).padStart(8)}  ${String(m.present).padStart(7)}  ${String(m.apologies).padStart(9)}  ${String(m.absent).padStart(6)}  ${String(m.represented).padStart(11)}`,
      );
      const meetings = report.meetings.map((m) => `${m.date}  ${meetingWords(m)}`);
      console.log([`Attendance at ${report.board.name}`, '', header, ...rows, '', 'Meetings', ...meetings].join('\n'));
    });
}

import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { makeMemberLeaves } from '../../functions/admin/member-leaves';
import { importMembers } from '../../functions/admin/members';
import { setViceChair } from '../../functions/admin/vice-chair';
import { operator } from '../../functions/shared/domain/audit';
import { ValidationError } from '../../functions/shared/domain/errors';
import { parseMembersCsv } from '../../functions/shared/domain/members-csv';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, withCommon, type Common } from '../common';

/** Adds `cycle members list|import|remove|vice-chair`. */
export function registerMemberCommands(program: Command): void {
  const members = program.command('members').description('Board members');
  withCommon(members.command('list'))
    .description('List a board’s members')
    .requiredOption('--board <id>', 'board id')
    .action(async (o: Common & { board: string }) => {
      await connect(o);
      const list = await deps().boards.listMembers(o.board);
      print(o, list, () => list.map((m) => `${m.memberId}  ${m.name} <${m.email}>  ${m.organisation}  [${m.roles.join(', ')}]`).join('\n') || 'No members.');
    });
  withCommon(members.command('import'))
    .description('Import members from CSV: header name,email,organisation,roles (roles separated by ";"). All rows or none; each gets a new random id.')
    .requiredOption('--board <id>', 'board id')
    .option('--by <name>', 'who imports, for the audit trail (default: your user name)')
    .argument('<file>', 'CSV file')
    .action(async (file: string, o: Common & { board: string; by?: string }) => {
      await connect(o);
      if (!fs.existsSync(file)) throw new ValidationError(`There is no file ${file}.`);
      const d = deps();
      if (!(await d.boards.getBoard(o.board))) throw new ValidationError(`There is no board "${o.board}".`);
      const { members: parsed, errors } = parseMembersCsv(o.board, fs.readFileSync(file, 'utf8'), await d.boards.listMembers(o.board));
      if (errors.length) {
        throw new ValidationError(`Nothing was imported; fix these rows and try again:\n${errors.map((e) => `  line ${e.line}: ${e.message}`).join('\n')}`);
      }
      await importMembers(d, o.board, parsed, operator(o.by ?? os.userInfo().username));
      print(o, { imported: parsed.length }, () => `Imported ${parsed.length} members into ${o.board}.`);
    });
  withCommon(members.command('remove'))
    .description('Remove a member who has left: their open actions go back to the secretariat to reassign, and their links stop working for good')
    .requiredOption('--board <id>', 'board id')
    .requiredOption('--member <id-or-email>', 'the member, by id or email')
    .option('--reason <text>', 'why, recorded on each action they owned (e.g. "left MOPAC")')
    .option('--by <name>', 'who removes them, for the audit trail (default: your user name)')
    .action(async (o: Common & { board: string; member: string; reason?: string; by?: string }) => {
      await connect(o);
      const result = await makeMemberLeaves(
        deps(),
        operator(o.by ?? os.userInfo().username),
      )({ boardId: o.board, member: o.member, ...(o.reason ? { reason: o.reason } : {}) });
      print(o, result, () =>
        [
          `Removed ${result.memberId} from ${o.board}.`,
          result.unassigned.length
            ? `Actions back with the secretariat to reassign: ${result.unassigned.join(', ')} (npx cycle actions assign --board ${o.board} --action N --to MEMBER).`
            : 'No action is left without an owner.',
          ...(result.kept.length ? [`Actions staying with their other owners: ${result.kept.join(', ')}.`] : []),
        ].join('\n'),
      );
    });
  withCommon(members.command('vice-chair'))
    .description(
      "Name the board's vice-chair, who is asked to approve the minutes when the chair sent apologies or has not answered after two reminders (the role moves from whoever held it)",
    )
    .requiredOption('--board <id>', 'board id')
    .option('--member <id-or-email>', 'the new vice-chair, by id or email (not the chair)')
    .option('--none', 'leave the board without a vice-chair')
    .option('--by <name>', 'who names them, for the audit trail (default: your user name)')
    .action(async (o: Common & { board: string; member?: string; none?: boolean; by?: string }) => {
      await connect(o);
      if (!o.member === !o.none) throw new ValidationError('Give either --member <id-or-email> or --none.');
      const result = await setViceChair(deps(), { boardId: o.board, ...(o.member ? { member: o.member } : {}) }, operator(o.by ?? os.userInfo().username));
      print(o, result, () =>
        [
          result.viceChair ? `${result.viceChair.name} is the vice-chair of ${o.board}.` : `${o.board} has no vice-chair now.`,
          ...(result.was ? [`${result.was.name} is no longer the vice-chair.`] : []),
        ].join('\n'),
      );
    });
}

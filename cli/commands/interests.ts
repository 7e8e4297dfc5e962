import type { Command } from 'commander';
import { listDeclarations, memberRegister } from '../../functions/admin/interests';
import { INTEREST_KINDS } from '../../functions/shared/domain/interests';
import { deps } from '../../functions/shared/runtime/deps';
import { connect, print, when, withCommon, type Common } from '../common';

/** Adds `cycle interests`: the declarations of interest of a board's meetings, and a member's register. */
export function registerInterestCommands(program: Command): void {
  withCommon(program.command('interests'))
    .description('List declarations of interest (one meeting with --cycle, one member with --member, who also gets their register)')
    .requiredOption('--board <id>', 'board id')
    .option('--cycle <id>', 'only the declarations for this meeting (cycle id)')
    .option('--member <id>', "only this member's declarations, and their register of interests")
    .action(async (o: Common & { board: string; cycle?: string; member?: string }) => {
      await connect(o);
      const d = deps();
      const rows = await listDeclarations(d, { boardId: o.board, ...(o.cycle ? { cycleId: o.cycle } : {}), ...(o.member ? { memberId: o.member } : {}) });
      const register = o.member ? await memberRegister(d, o.board, o.member) : undefined;
      print(o, { declarations: rows, ...(o.member ? { register: register ?? null } : {}) }, () => {
        const lines = rows.map(
          (r) =>
            `${r.meetingDate}  ${r.line}${r.papersWithheld ? ' Papers withheld.' : ''}${r.papersAllowed ? ` Papers allowed by ${r.papersAllowed.by}: ${r.papersAllowed.reason}` : ''}`,
        );
        if (lines.length === 0) lines.push(`No declarations of interest${o.cycle ? ` for cycle ${o.cycle}` : ''} on board ${o.board}.`);
        if (o.member) {
          lines.push('', `Register of interests of ${o.member}:`);
          if (!register?.entries.length) lines.push('  (no interests registered)');
          for (const e of register?.entries ?? []) lines.push(`  ${INTEREST_KINDS[e.kind]}: ${e.description}`);
          lines.push(register?.confirmedAt ? `  Last confirmed ${when(register.confirmedAt)}.` : '  Never confirmed.');
        }
        return lines.join('\n');
      });
    });
}

import type { Action, ActionEvent, Member } from './types';
import { guardedCsv } from './csv';

/** One row of the action register as a secretariat reads it. */
export interface ActionRow {
  number: number;
  status: Action['status'];
  owners: string;
  text: string;
  due: string;
  meeting: string;
  item: string;
  latestUpdate: string;
}

/** Rows for export: owners by name (the minutes' words where nobody is resolved), the latest update. */
export function actionRows(actions: readonly Action[], members: readonly Member[], latest: (actionId: string) => ActionEvent | undefined): ActionRow[] {
  const names = new Map(members.map((m) => [m.memberId, m.name]));
  return [...actions]
    .sort((a, b) => a.number - b.number)
    .map((a) => {
      const update = latest(a.actionId);
      return {
        number: a.number,
        status: a.status,
        owners: a.ownerMemberIds.length
          ? a.ownerMemberIds.map((id) => names.get(id) ?? id).join('; ')
          : `Unassigned (${a.ownersAsWritten.join('; ') || 'no owner named'})`,
        text: a.text,
        due: a.due ?? '',
        meeting: a.cycleId,
        item: a.itemNumber !== undefined ? String(a.itemNumber) : '',
        latestUpdate: update ? `${update.at.slice(0, 10)} ${update.status}: ${update.note}`.trim() : '',
      };
    });
}

const COLUMNS: (keyof ActionRow)[] = ['number', 'status', 'owners', 'text', 'due', 'meeting', 'item', 'latestUpdate'];

/**
 * RFC 4180 CSV with a header. A cell that a spreadsheet would run as a formula is prefixed with an
 * apostrophe: action text comes from minutes anyone may have written. Spreadsheets read a formula after
 * leading spaces, from the full-width signs (＝＋－＠) an East Asian keyboard types, and after a leading
 * tab, CR or line break; all of these are guarded.
 */
export function actionsCsv(rows: readonly ActionRow[]): string {
  return guardedCsv(COLUMNS, rows);
}

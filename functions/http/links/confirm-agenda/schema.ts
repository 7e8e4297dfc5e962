import { z } from 'zod';
import type { AgendaEdit } from '../../../shared/domain/agenda';

const TITLE_FIELD = /^title_([1-9]\d*)$/;

/**
 * The page's per-item fields, by item number: order_<n>, title_<n>, keep_<n> (a checkbox: absent when
 * cleared). An item whose title field is missing has no edit; `applyAgendaEdits` says so.
 */
export const agendaForm = z.record(z.string(), z.string()).transform((fields) => {
  const edits = new Map<number, AgendaEdit>();
  for (const [name, title] of Object.entries(fields)) {
    const n = TITLE_FIELD.exec(name)?.[1];
    if (n === undefined) continue;
    edits.set(Number(n), { order: Number(fields[`order_${n}`] ?? n), title, keep: fields[`keep_${n}`] === 'yes' });
  }
  return edits;
});

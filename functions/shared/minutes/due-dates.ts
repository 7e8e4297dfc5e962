import { findDate, isoDate, monthNumber } from './dates';
import { MONTH } from './vocabulary';

/** An action's deadline, and what to tell the secretariat about how it was read. */
export interface Due {
  /** YYYY-MM-DD, "next meeting", or null when none is stated or it cannot be dated. */
  due: string | null;
  /** Why the date may not be what was meant (no year, "end of June"); null when it is as written. */
  note: string | null;
}

/** "by 30 June 2015" → ISO; "to the next meeting" → "next meeting"; "by end of June" → the month's last day (noted). */
export function dueOf(text: string, ref: string | null): Due {
  const kw = /\b(?:by|before|no later than|not later than|on or before|due(?:\s+date)?|deadline|by when|until|w\/c|week commencing)\s*:?\s+(?:the\s+)?/gi;
  for (let m = kw.exec(text); m; m = kw.exec(text)) {
    // A deadline is written in a few words after its keyword: reading further would make a long text quadratic.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const d = findDate(after, ref);
    if (d && d.index === 0) {
      if (d.iso)
        return { due: d.iso, note: d.yearless ? `"${text.slice(m.index, m.index + m[0].length + d.end).trim()}" has no year; read as ${d.iso}` : null };
      return { due: null, note: `"${text.slice(m.index, m.index + m[0].length + d.end).trim()}" has no year and the meeting's date is unknown` };
    }
    const month = new RegExp(`^(?:(?:the\\s+)?end\\s+of\\s+)?${MONTH}(?:\\s+(\\d{4}))?\\b`).exec(after);
    if (month && /^(?:(?:the\s+)?end\s+of\s+)?[A-Z]/.test(month[0])) {
      const mo = monthNumber(month[1]!);
      const year = month[2] ? Number(month[2]) : ref ? Number(ref.slice(0, 4)) + (mo < Number(ref.slice(5, 7)) ? 1 : 0) : null;
      if (year === null) return { due: null, note: `"${month[0]}" has no year and the meeting's date is unknown` };
      const iso = isoDate(year, mo, new Date(Date.UTC(year, mo, 0)).getUTCDate());
      return { due: iso, note: `"${text.slice(m.index, m.index + m[0].length + month[0].length).trim()}" read as ${iso}, the end of the month` };
    }
  }
  if (/\b(?:by|before|for|to|at|ahead of|prior to|in time for|until)\s+(?:the\s+)?next\s+(?:[\w-]+\s+){0,2}?(?:meeting|board)\b/i.test(text)) {
    return { due: 'next meeting', note: null };
  }
  return { due: null, note: null };
}

/** The "Due" cell of an actions table: a date, "next meeting", or a phrase read as if it followed "by". */
export function dueCell(cell: string, ref: string | null): Due {
  if (/\bnext\s+(?:[\w-]+\s+){0,2}?meeting\b/i.test(cell)) return { due: 'next meeting', note: null };
  const d = findDate(cell, ref);
  if (d?.iso) return { due: d.iso, note: d.yearless ? `"${cell}" has no year; read as ${d.iso}` : null };
  return dueOf(`by ${cell}`, ref);
}

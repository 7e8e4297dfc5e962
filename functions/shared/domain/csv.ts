/** What starts a cell a spreadsheet would run: a sign, ASCII or full-width, after any spaces; or a tab or line break. */
const FORMULA_START = /^(?:[\t\r\n]| *[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One RFC 4180 cell. A cell a spreadsheet would run as a formula is prefixed with an apostrophe: exports
 * carry text people wrote (minutes, names on forms). Spreadsheets read a formula after leading spaces, from
 * the full-width signs (＝＋－＠) an East Asian keyboard types, and after a leading tab, CR or line break;
 * all of these are guarded.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of `rows` under `columns`, with a header, each cell a {@link csvCell}. */
export function guardedCsv<R extends object>(columns: readonly (keyof R & string)[], rows: readonly R[]): string {
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell((r[c] as string | number | null | undefined) ?? null)).join(','))].join('\r\n') + '\r\n'
  );
}

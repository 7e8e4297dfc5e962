// date-holidays' rules for every country (its "./data" export), which ships no types of its own.
declare module 'date-holidays/data' {
  /** The shape date-holidays-parser reads: each country's rules, and the names their `_name` keys refer to. */
  export interface HolidaysData {
    version: string;
    license: string;
    holidays: Record<string, unknown>;
    names: Record<string, unknown>;
  }
  export const data: HolidaysData;
}

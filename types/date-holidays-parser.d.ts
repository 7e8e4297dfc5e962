// date-holidays-parser ships types, but its package.json "exports" hides them from TypeScript: the one
// use here (functions/shared/services/working-calendar.ts) gives it data and then uses it as date-holidays'
// own class, whose types are read from date-holidays.
declare module 'date-holidays-parser' {
  /** date-holidays' class before the data: `new Parser(data, country, opts)`. */
  const Parser: new (data: object, ...args: unknown[]) => object;
  export default Parser;
}

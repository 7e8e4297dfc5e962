/** Who the pack is for: members get every paper; the public pack leaves confidential (exempt) papers out. */
export type PackAudience = 'members' | 'public';

/** Where a paper's bytes come from: already in memory, or loaded when the pack gets to it. */
export type PaperSource = { fileName: string } & ({ bytes: Uint8Array } | { load: () => Promise<Uint8Array> });

/** One agenda item as the pack shows it. */
export interface BoardPackItem {
  number: number;
  title: string;
  presenter?: string;
  /** Exempt from publication: in the public pack only its number and "Exempt item: not for publication" appear. */
  confidential: boolean;
  /** A late item taken as urgent business: the chair's reason (special circumstances), printed under its title. */
  urgency?: string;
  /**
   * The item's paper, already accepted by `inspectPdf`; items without one are listed on the agenda only. A
   * `load` function is called when the pack reaches the item, so that only one paper is in memory at a time.
   */
  paper?: PaperSource;
}

/** Everything the pack needs; `items` is in agenda order, which is the order of the papers too. */
export interface BoardPackInput {
  boardName: string;
  /** Date and time as people should read it, e.g. "Tuesday 3 March 2026, 18:30". */
  meetingWhen: string;
  venue: string;
  items: readonly BoardPackItem[];
  audience: PackAudience;
}

/** The assembled pack. Page numbers are 1-based and count the cover, as the stamps and viewers do. */
export interface BoardPack {
  pdf: Uint8Array;
  pages: number;
  /** First page of each item's paper in this pack, by item number; items with no paper in it are absent. */
  itemStartPages: Record<number, number>;
  /** How many pages each item's paper has in this pack, by item number. */
  itemPageCounts: Record<number, number>;
  /** Characters of titles and names drawn as "?" because the font has no glyph for them. */
  undrawable: number;
}

/** A pack laid out in memory, its file written as it is read from `chunks`. */
export interface AssembledPack {
  pages: number;
  itemStartPages: Record<number, number>;
  /** How many pages each item's paper has in this pack, by item number. */
  itemPageCounts: Record<number, number>;
  /** Characters of titles and names drawn as "?" because the font has no glyph for them. */
  undrawable: number;
  /** The PDF file in pieces of about a megabyte, produced as they are read; read it once. */
  chunks: AsyncIterable<Uint8Array>;
}

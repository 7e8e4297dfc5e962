/**
 * The board pack: one PDF of cover, agenda, every paper in agenda order, bookmarks and page stamps.
 * `Fonts`, `TextCleaner` and `wrap` are shared with the minutes PDF, which draws text the same way.
 */
export { assembleBoardPack, buildBoardPack, PDF_LANGUAGE } from './assemble';
export { itemPageLabel, packPageLabel } from './stamps';
export { Fonts, TextCleaner, wrap } from './text';
export type { AssembledPack, BoardPack, BoardPackInput, BoardPackItem, PackAudience, PaperSource } from './types';

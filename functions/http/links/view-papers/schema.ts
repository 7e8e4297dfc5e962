/**
 * What a path below the papers link asks for. The link takes no form fields: its one POST opens the
 * pack, so that opening it can be counted without counting the mail scanners that GET every link.
 */
export type PapersPath = { kind: 'list' } | { kind: 'pack' } | { kind: 'paper'; item: number } | { kind: 'appendix'; item: number; version: number };

/** The sub-path of the papers link read as what it asks for; undefined when it names nothing. */
export function readPapersPath(rest: string): PapersPath | undefined {
  if (rest === '') return { kind: 'list' };
  if (rest === 'pack') return { kind: 'pack' };
  const paper = /^paper\/(\d+)$/.exec(rest);
  if (paper) return { kind: 'paper', item: Number(paper[1]) };
  const appendix = /^appendix\/(\d+)\/(\d+)$/.exec(rest);
  if (appendix) return { kind: 'appendix', item: Number(appendix[1]), version: Number(appendix[2]) };
  return undefined;
}

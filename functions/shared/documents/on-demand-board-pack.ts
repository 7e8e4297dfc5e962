import type { AssembledPack, BoardPackInput } from './board-pack';

/*
 * The board pack, loaded with pdf-lib and fontkit on first call: a supplementary circulation with only new
 * appendices, or nothing new, sends without rebuilding the pack and never loads them.
 */

/** {@link import('./board-pack').assembleBoardPack}, loaded on first call. */
export async function assembleBoardPack(input: BoardPackInput): Promise<AssembledPack> {
  return (await import('./board-pack')).assembleBoardPack(input);
}

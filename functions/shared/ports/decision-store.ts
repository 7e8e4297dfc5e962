import type { Decision } from '../domain/decisions';

/** The board's decisions register, kept by the action repository beside the action register. */
export interface DecisionStore {
  /**
   * Stores a meeting's decisions, each under its meeting and number: storing the same minutes again (a
   * retried publish) writes the same records, never a second copy.
   */
  putDecisions(boardId: string, decisions: readonly Decision[]): Promise<void>;
  /** The board's decisions register, every meeting's. */
  listDecisions(boardId: string): Promise<Decision[]>;
}

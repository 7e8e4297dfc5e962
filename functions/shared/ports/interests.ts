import type { Declaration, InterestRegister, PapersAllowance } from '../domain/interests';

/** Members' registers of interests, and declarations of interest in items (functions/shared/domain/interests.ts). */
export interface InterestRepository {
  getRegister(boardId: string, memberId: string): Promise<InterestRegister | undefined>;
  listRegisters(boardId: string): Promise<InterestRegister[]>;
  /**
   * Stores a member's register: a new one when `expectedVersion` is undefined (StaleVersionError if one
   * exists), else only if the stored one still has that version (StaleVersionError otherwise).
   */
  putRegister(register: Omit<InterestRegister, 'version'>, expectedVersion?: number): Promise<InterestRegister>;
  /**
   * Records declarations, one per member and item: a declaration on an item the member declared before
   * replaces it (and any papers allowance with it), so that a retry writes the same thing again.
   */
  declare(declarations: readonly Declaration[]): Promise<void>;
  /** A meeting's declarations, by item then member. */
  listDeclarations(cycleId: string): Promise<Declaration[]>;
  /** Lets a member have an item's papers despite their interest; NotFoundError when they declared none in it. */
  allowPapers(cycleId: string, memberId: string, itemNumber: number, allowance: PapersAllowance): Promise<Declaration>;
}

import { NotFoundError, StaleVersionError } from '../../functions/shared/domain/errors';
import type { Declaration, InterestRegister, PapersAllowance } from '../../functions/shared/domain/interests';
import type { InterestRepository } from '../../functions/shared/ports';
import { keys } from '../../functions/shared/table/keys';
import { MemoryTable, stored } from './fake-repositories';

/** DynamoInterestRepository in memory: versioned registers, one declaration per member and item, the real key order. */
export class InMemoryInterestRepository implements InterestRepository {
  constructor(private readonly table = new MemoryTable()) {}

  async getRegister(boardId: string, memberId: string): Promise<InterestRegister | undefined> {
    return this.table.get<InterestRegister>(keys.interestRegister(boardId, memberId));
  }
  async listRegisters(boardId: string): Promise<InterestRegister[]> {
    return this.table.query<InterestRegister>(keys.boardMeta(boardId).pk, keys.interestRegisterPrefix);
  }
  async putRegister(register: Omit<InterestRegister, 'version'>, expectedVersion?: number): Promise<InterestRegister> {
    const key = keys.interestRegister(register.boardId, register.memberId);
    const current = this.table.get<InterestRegister>(key);
    if ((expectedVersion === undefined && current) || (expectedVersion !== undefined && current?.version !== expectedVersion)) {
      throw new StaleVersionError(`The register of member ${register.memberId} changed since it was read.`);
    }
    const next: InterestRegister = { ...register, version: (expectedVersion ?? 0) + 1 };
    this.table.put(key, next);
    return stored(next);
  }
  async declare(declarations: readonly Declaration[]): Promise<void> {
    for (const d of declarations) this.table.put(keys.declaration(d.cycleId, d.itemNumber, d.memberId), d);
  }
  async listDeclarations(cycleId: string): Promise<Declaration[]> {
    return this.table.query<Declaration>(keys.cycleParts(cycleId).pk, keys.declarationPrefix);
  }
  async allowPapers(cycleId: string, memberId: string, itemNumber: number, allowance: PapersAllowance): Promise<Declaration> {
    const key = keys.declaration(cycleId, itemNumber, memberId);
    const current = this.table.get<Declaration>(key);
    if (!current) throw new NotFoundError(`Member ${memberId} declared no interest in item ${itemNumber}.`);
    const next = { ...current, papersAllowed: allowance };
    this.table.put(key, next);
    return stored(next);
  }
}

import { DynamoInterestRepository } from '../../functions/shared/adapters/dynamodb/dynamo-interest-repository';
import { NotFoundError, StaleVersionError } from '../../functions/shared/domain/errors';
import type { Declaration } from '../../functions/shared/domain/interests';
import { InMemoryInterestRepository } from '../support/fake-interests';
import type { InterestRepository } from '../../functions/shared/ports';
import { useEmulators } from '../support/emulators';

const cloud = useEmulators();

const declared = (memberId: string, itemNumber: number, extra: Partial<Declaration> = {}): Declaration => ({
  boardId: 'b',
  cycleId: 'c1',
  memberId,
  itemNumber,
  kind: 'other-registrable',
  description: 'Trustee of the charity',
  prejudicial: false,
  at: '2027-03-03T09:00:00.000Z',
  ...extra,
});

// The adapter and its fake must answer alike: unit tests run the cores on the fake.
describe.each([
  ['DynamoDB', () => new DynamoInterestRepository(cloud().doc, cloud().endpoints.tableName)],
  ['the fake', () => new InMemoryInterestRepository()],
] as const)('the interest repository on %s', (_name, make: () => InterestRepository) => {
  it('stores a register as new, then only over the version read', async () => {
    const repo = make();
    const entries = [{ kind: 'pecuniary' as const, description: 'Shares in Acme', registeredAt: '2026-01-01T00:00:00.000Z' }];
    const first = await repo.putRegister({ boardId: 'b', memberId: 'ann', entries, confirmedAt: '2026-01-01T00:00:00.000Z' });
    expect(first.version).toBe(1);
    await expect(repo.putRegister({ boardId: 'b', memberId: 'ann', entries: [] })).rejects.toThrow(StaleVersionError);
    await expect(repo.putRegister({ boardId: 'b', memberId: 'ann', entries: [] }, 7)).rejects.toThrow(StaleVersionError);
    expect(await repo.putRegister({ boardId: 'b', memberId: 'ann', entries: [] }, 1)).toMatchObject({ version: 2, entries: [] });
    await repo.putRegister({ boardId: 'b', memberId: 'bob', entries }, undefined);
    expect(await repo.getRegister('b', 'ann')).toEqual({ boardId: 'b', memberId: 'ann', entries: [], version: 2 });
    expect((await repo.listRegisters('b')).map((r) => r.memberId)).toEqual(['ann', 'bob']);
  });

  it('keeps one declaration per member and item, lists them by item, and records an allowance', async () => {
    const repo = make();
    await repo.declare([declared('bob', 4), declared('ann', 4)]);
    await repo.declare([declared('ann', 3), declared('ann', 4, { prejudicial: true })]);
    expect((await repo.listDeclarations('c1')).map((d) => [d.itemNumber, d.memberId, d.prejudicial])).toEqual([
      [3, 'ann', false],
      [4, 'ann', true],
      [4, 'bob', false],
    ]);
    const allowance = { by: 'Sam', at: '2027-03-04T09:00:00.000Z', reason: 'Presents it' };
    expect(await repo.allowPapers('c1', 'ann', 4, allowance)).toMatchObject({ memberId: 'ann', itemNumber: 4, papersAllowed: allowance });
    await expect(repo.allowPapers('c1', 'ann', 9, allowance)).rejects.toThrow(NotFoundError);
    expect(await repo.listDeclarations('c2')).toEqual([]);
  });
});

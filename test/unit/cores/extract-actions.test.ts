import { makeExtractActions } from '../../../functions/extract-actions/extract-actions';
import { NotFoundError, ValidationError } from '../../../functions/shared/domain/errors';
import { MINUTES, saveMinutes, scenario } from './scenario';

describe('ExtractActions', () => {
  it('reads the actions from the saved text and keeps them on the version, counting those with no owner', async () => {
    const { d, ref } = await scenario();
    const minutes = await saveMinutes(d, MINUTES);

    expect(await makeExtractActions(d)({ ...ref, minutesVersion: minutes.version })).toEqual({ actions: 2, unassigned: 1 });

    const saved = await d.cycles.getMinutes('c', 1);
    expect(saved?.status).toBe('submitted');
    expect(saved?.actions).toEqual([
      expect.objectContaining({ itemNumber: 2, ownersAsWritten: ['Ann Able'], text: 'Ann Able to circulate the plan by 1 April 2027.' }),
      expect.objectContaining({ itemNumber: 2, ownersAsWritten: [], text: 'An update to be presented in June.' }),
    ]);
  });

  it('refuses a version that does not exist, and text with no structure, changing nothing', async () => {
    const { d, ref } = await scenario();
    await expect(makeExtractActions(d)({ ...ref, minutesVersion: 1 })).rejects.toThrow(NotFoundError);

    const minutes = await saveMinutes(d, 'just some words');
    await expect(makeExtractActions(d)({ ...ref, minutesVersion: minutes.version })).rejects.toThrow(ValidationError);
    expect((await d.cycles.getMinutes('c', 1))?.actions).toBeUndefined();
  });

  it("does not overwrite a version whose status moved on while it was read (the chair's decision wins)", async () => {
    const { d, ref } = await scenario();
    const minutes = await saveMinutes(d, MINUTES);
    const read = d.cycles.getMinutes.bind(d.cycles);
    d.cycles.getMinutes = async (cycleId, version) => {
      const before = await read(cycleId, version);
      await d.cycles.updateMinutes(cycleId, version, { status: 'approved' }, 'submitted');
      return before;
    };

    await expect(makeExtractActions(d)({ ...ref, minutesVersion: minutes.version })).rejects.toThrow('is approved, not submitted');
  });
});

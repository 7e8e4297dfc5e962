import { PAGES } from '../../functions/http/links/pages';
import { LINK_PURPOSES } from '../../functions/shared/domain/link-policy';

describe('the link page registry', () => {
  it('has a page for every link purpose, registered under its own purpose', () => {
    for (const purpose of LINK_PURPOSES) expect({ purpose, page: PAGES[purpose]?.purpose }).toEqual({ purpose, page: purpose });
  });

  it('has no page for a purpose that is not a link purpose', () => {
    expect(Object.keys(PAGES).sort()).toEqual([...LINK_PURPOSES].sort());
  });
});

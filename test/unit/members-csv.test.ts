import { parseMembersCsv } from '../../functions/shared/domain/members-csv';

const RANDOM_ID = /^m_[a-z2-7]{16}$/;

const HEADER = 'name,email,organisation,roles';

describe('parseMembersCsv', () => {
  it('reads members with quoted cells, roles and normalised emails', () => {
    const { members, errors } = parseMembersCsv(
      'b',
      `${HEADER}\n"Morgan, Alex",Chair@Example.org,"Mayor's Office",chair;member\nSam Reid,sam@example.org,CPS,\n`,
    );
    expect(errors).toEqual([]);
    expect(members).toEqual([
      {
        boardId: 'b',
        memberId: expect.stringMatching(RANDOM_ID),
        name: 'Morgan, Alex',
        email: 'chair@example.org',
        organisation: "Mayor's Office",
        roles: ['chair', 'member'],
      },
      { boardId: 'b', memberId: expect.stringMatching(RANDOM_ID), name: 'Sam Reid', email: 'sam@example.org', organisation: 'CPS', roles: ['member'] },
    ]);
  });

  it('reports every bad row by line number: bad email, unknown role, duplicate, wrong column count', () => {
    const { errors } = parseMembersCsv(
      'b',
      `${HEADER}\nA,a@example.org,X,member\nB,not-an-email,X,member\nC,c@example.org,X,wizard\nD,A@example.org,X,member\nE,e@example.org\n`,
    );
    expect(errors).toEqual([
      { line: 3, message: '"not-an-email" is not an email address' },
      { line: 4, message: 'unknown role(s) wizard; use chair, secretariat, member, officer, vice-chair' },
      { line: 5, message: 'A@example.org is also on line 2' },
      { line: 6, message: 'expected 4 columns (name, email, organisation, roles), found 2' },
    ]);
  });

  it('refuses an email already on the board', () => {
    const existing = [{ boardId: 'b', memberId: 'jo', name: 'Jo Old', email: 'jo@one.org', organisation: 'X', roles: ['member' as const] }];
    const { members, errors } = parseMembersCsv('b', `${HEADER}\nA,JO@one.org,X,member\nB,jo@two.org,Y,member\n`, existing);
    expect(errors).toEqual([{ line: 2, message: 'JO@one.org is already a member of the board (Jo Old)' }]);
    expect(members.map((m) => m.email)).toEqual(['jo@two.org']);
  });

  it('refuses a file without the expected header', () => {
    expect(parseMembersCsv('b', 'email,name\nx,y').errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('name,email,organisation,roles') });
  });

  it('gives every member a random id that says nothing of their email, never the same twice', () => {
    const csv = `${HEADER}\nA,clerk@council-a.gov.uk,X,member\nB,clerk@council-b.gov.uk,Y,member\n`;
    const ids = [...parseMembersCsv('b', csv).members, ...parseMembersCsv('b', csv).members].map((m) => m.memberId);
    for (const id of ids) expect(id).toMatch(RANDOM_ID);
    expect(ids.some((id) => id.includes('clerk'))).toBe(false);
    expect(new Set(ids).size).toBe(4);
  });
});

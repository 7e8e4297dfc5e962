import { importMembers, memberFingerprint } from '../../../functions/admin/members';
import { operator } from '../../../functions/shared/domain/audit';
import { BOARD_ROUTES } from '../../../functions/console/boards/routes';
import { parseMultipart } from '../../../functions/console/boards/multipart';
import type { ConsoleResponse, ConsoleRoute, Principal } from '../../../functions/console/types';
import { holderSeal } from '../../../functions/shared/domain/member-identity';
import type { Board, Member } from '../../../functions/shared/domain/types';
import { consoleRequest, principal, routeContext, pageText, routeIn } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { people, scenario } from '../cores/scenario';

const route = (method: ConsoleRoute['method'], path: string): ConsoleRoute => routeIn(BOARD_ROUTES, method, path);

const text = pageText;

const clerk = principal('sam@example.org', { b: 'secretariat' });
const chair = principal('cara@example.org', { b: 'chair' });
const admin = principal('admin@example.org', {}, true);

async function board(d: FakeDeps): Promise<Board> {
  const found = await d.boards.getBoard('b');
  if (!found) throw new Error('no board');
  return found;
}

async function call(d: FakeDeps, method: 'GET' | 'POST', path: string, input: { who?: Principal; member?: string; form?: Record<string, string> } = {}) {
  const params = { board: 'b', ...(input.member ? { member: input.member } : {}) };
  return route(method, path).handle(
    routeContext(d, { principal: input.who ?? clerk, board: await board(d), params, ...(input.form ? { form: input.form } : {}) }),
  );
}

const BOUNDARY = '----console-test-boundary';

/** A multipart body as a browser sends the import form: the CSRF value, a file part and a text part. */
function multipart(parts: { name: string; value: string | Buffer; filename?: string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? '\r\nContent-Type: text/csv' : '';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

async function upload(d: FakeDeps, path: string, body: Buffer, who = clerk): Promise<ConsoleResponse> {
  const req = { ...consoleRequest('POST', path), body, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
  return route('POST', path).handle(routeContext(d, { principal: who, board: await board(d), params: { board: 'b' }, req }));
}

const IMPORT = '/console/boards/:board/members/import';
const CONFIRM = '/console/boards/:board/members/import/confirm';
const HEADER = 'name,email,organisation,roles';

const csvFile = (csv: string) =>
  multipart([
    { name: 'csrf', value: 'test-csrf' },
    { name: 'file', filename: 'members.csv', value: csv },
    { name: 'csvText', value: '' },
  ]);

describe('the members page', () => {
  it('lists the members with edit and remove links and the import form; a chair sees no links', async () => {
    const { d } = await scenario();
    const res = await call(d, 'GET', '/console/boards/:board/members');
    expect(res.statusCode).toBe(200);
    for (const m of Object.values(people)) expect(text(res)).toContain(m.email);
    expect(String(res.body)).toContain('href="/console/boards/b/members/bob/remove"');
    expect(String(res.body)).toContain('enctype="multipart/form-data"');
    expect(String(res.body)).toMatch(/<label for="csv-file">CSV file<\/label><input type="file"/);
    expect(text(res)).toContain('Or paste the CSV');
    expect(text(res)).toContain('Check the file');
    expect(text(res)).toContain('Add a member');
    const chairView = await call(d, 'GET', '/console/boards/:board/members', { who: chair });
    expect(text(chairView)).toContain('Bob Baker');
    expect(String(chairView.body)).not.toContain('/remove');
    expect(text(chairView)).not.toContain('Import members from a CSV file');
  });
});

describe('importing members from a CSV file', () => {
  it('previews the rows to add and saves nothing; the confirm button imports them all, and a second click changes nothing', async () => {
    const { d } = await scenario();
    const csv = `${HEADER}\nDee Dean,Dee@Example.org,Fire,member\nEd Evans,ed@example.org,,officer;member\n`;
    const preview = await upload(d, IMPORT, csvFile(csv));
    expect(preview.statusCode).toBe(200);
    expect(text(preview)).toContain('2 members to add');
    expect(text(preview)).toContain('dee@example.org');
    expect(text(preview)).toContain('Import these members');
    expect(await d.boards.listMembers('b')).toHaveLength(4);

    const hidden = /name="csv" value="([^"]*)"/.exec(String(preview.body))?.[1] ?? '';
    const sent = hidden.replace(/&#10;/g, '\n').replace(/&amp;/g, '&');
    expect(sent).toBe(csv);
    const confirm = () =>
      upload(
        d,
        CONFIRM,
        multipart([
          { name: 'csrf', value: 'test-csrf' },
          { name: 'csv', value: sent },
        ]),
      );
    const done = await confirm();
    expect(done.statusCode).toBe(200);
    expect(text(done)).toContain('Imported 2 members');
    const members = await d.boards.listMembers('b');
    expect(members.map((m) => m.email)).toEqual(expect.arrayContaining(['dee@example.org', 'ed@example.org']));
    expect(members.find((m) => m.email === 'ed@example.org')).toMatchObject({ roles: ['officer', 'member'] });
    const twice = await confirm();
    expect(twice.statusCode).toBe(200);
    expect(text(twice)).toContain('already on the board: the import was done already. Nothing was changed.');
    expect(await d.boards.listMembers('b')).toHaveLength(6);
    const added = (await d.audit.list('b')).filter((e) => e.what.type === 'member-added');
    expect(added.map((e) => [e.who, 'email' in e.what ? e.what.email : undefined])).toEqual([
      [{ kind: 'secretariat', email: 'sam@example.org' }, 'dee@example.org'],
      [{ kind: 'secretariat', email: 'sam@example.org' }, 'ed@example.org'],
    ]);
  });

  it('the import core used by `cycle members import` adds the members and audits each as who ran it', async () => {
    const { d } = await scenario();
    const newcomer: Member = { boardId: 'b', memberId: 'dee', name: 'Dee Dean', email: 'dee@example.org', organisation: 'Fire', roles: ['member'] };

    await importMembers(d, 'b', [newcomer], operator('alex'));

    expect(await d.boards.getMember('b', 'dee')).toMatchObject({ email: 'dee@example.org' });
    expect((await d.audit.list('b')).map(({ who, what }) => ({ who, what }))).toEqual([
      { who: { kind: 'admin', name: 'alex' }, what: { type: 'member-added', memberId: 'dee', name: 'Dee Dean', email: 'dee@example.org', roles: ['member'] } },
    ]);
  });

  it('lists each bad line by number with why, offers no import button and saves nothing', async () => {
    const { d } = await scenario();
    const csv = [
      HEADER,
      'Good Person,good@example.org,Council,member',
      'No Email,,Council,member',
      'Again,GOOD@example.org,Council,member',
      'Bob Again,bob@example.org,Health,member',
      'Odd Role,odd@example.org,Council,treasurer',
      '=HYPERLINK("http://x"),formula@example.org,Council,member',
      'Wide Plus,wide@example.org,＋44 Council,member',
      `Tab\tName,tab@example.org,Council,member`,
      `Long,long@example.org,${'x'.repeat(201)},member`,
    ].join('\n');
    const res = await upload(d, IMPORT, csvFile(csv));
    expect(res.statusCode).toBe(422);
    const page = text(res);
    expect(page).toContain('Fix these lines and check the file again');
    expect(page).toContain('Line 3: "" is not an email address');
    expect(page).toContain('Line 4: GOOD@example.org is also on line 2');
    expect(page).toContain('Line 5: bob@example.org is already a member of the board (Bob Baker)');
    expect(page).toContain('Line 6: unknown role(s) treasurer');
    expect(page).toContain('Line 7: the name "=HYPERLINK(http://x)" starts with = + - or @');
    expect(page).toContain('Line 8: the organisation "＋44 Council" starts with = + - or @');
    expect(page).toContain('Line 9: contains control characters');
    expect(page).toContain('Line 10: the organisation is longer than 200 characters');
    expect(page).not.toContain('Line 2:');
    expect(String(res.body)).not.toContain('Import these members');
    expect(await d.boards.listMembers('b')).toHaveLength(4);
  });

  it('re-checks on confirm: a CSV edited to hold a formula is refused whole', async () => {
    const { d } = await scenario();
    const csv = `${HEADER}\nDee Dean,dee@example.org,Fire,member\n@SUM(A1),x@example.org,Fire,member\n`;
    const res = await upload(
      d,
      CONFIRM,
      multipart([
        { name: 'csrf', value: 'test-csrf' },
        { name: 'csv', value: csv },
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(text(res)).toContain('Line 3: the name "@SUM(A1)"');
    expect(await d.boards.listMembers('b')).toHaveLength(4);
  });

  it('takes pasted CSV when no file is chosen', async () => {
    const { d } = await scenario();
    const body = multipart([
      { name: 'csrf', value: 'test-csrf' },
      { name: 'file', filename: '', value: '' },
      { name: 'csvText', value: `${HEADER}\r\nDee Dean,dee@example.org,Fire,member\r\n` },
    ]);
    const res = await upload(d, IMPORT, body);
    expect(res.statusCode).toBe(200);
    expect(text(res)).toContain('1 member to add');
  });

  it('refuses a 10 MB body with 413 before reading it, and a binary or non-UTF-8 file with 422', async () => {
    const { d } = await scenario();
    const big = csvFile(`${HEADER}\n${'Dee Dean,dee@example.org,Fire,member\n'.repeat(300_000)}`);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await upload(d, IMPORT, big);
    expect(res.statusCode).toBe(413);
    expect(text(res)).toContain('at most 1 MB');
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\nJos`), Buffer.from([0xe9]), Buffer.from(',jose@example.org,Fire,member\n')]);
    const notUtf8 = await upload(
      d,
      IMPORT,
      multipart([
        { name: 'csrf', value: 'test-csrf' },
        { name: 'file', filename: 'm.csv', value: latin1 },
      ]),
    );
    expect(notUtf8.statusCode).toBe(422);
    expect(text(notUtf8)).toContain('The file is not UTF-8 text');
    const binary = await upload(
      d,
      IMPORT,
      multipart([
        { name: 'csrf', value: 'test-csrf' },
        { name: 'file', filename: 'm.xlsx', value: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]) },
      ]),
    );
    expect(binary.statusCode).toBe(422);
    expect(text(binary)).toContain('binary data');
    expect(await d.boards.listMembers('b')).toHaveLength(4);
  });

  it('refuses an upload without the page’s CSRF value (the router checks only url-encoded forms)', async () => {
    const { d } = await scenario();
    const res = await upload(
      d,
      CONFIRM,
      multipart([
        { name: 'csrf', value: 'forged' },
        { name: 'csv', value: `${HEADER}\nDee,dee@example.org,Fire,member` },
      ]),
    );
    expect(res.statusCode).toBe(403);
    expect(await d.boards.listMembers('b')).toHaveLength(4);
  });

  it('reads multipart strictly: a body cut short or without its boundary is refused', () => {
    const type = `multipart/form-data; boundary=${BOUNDARY}`;
    const whole = multipart([
      { name: 'csrf', value: 'v' },
      { name: 'file', filename: 'a.csv', value: 'a\r\nb' },
    ]);
    expect(parseMultipart(whole, type).map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['csrf', undefined, 'v'],
      ['file', 'a.csv', 'a\r\nb'],
    ]);
    expect(() => parseMultipart(whole.subarray(0, whole.length - 20), type)).toThrow('cut short');
    expect(() => parseMultipart(whole, 'multipart/form-data')).toThrow('not sent as a file upload');
    expect(() => parseMultipart(Buffer.from('junk'), type)).toThrow('not sent as a browser sends it');
  });
});

describe('adding and editing a member', () => {
  const form = (m: Pick<Member, 'name' | 'email' | 'organisation' | 'roles'>, extra: Record<string, string> = {}) => ({
    csrf: 'test-csrf',
    name: m.name,
    email: m.email,
    organisation: m.organisation,
    ...Object.fromEntries(m.roles.map((r) => [`role-${r}`, 'on'])),
    ...extra,
  });

  it('adds a member, and refuses a taken email (409) or a bad one (422), keeping what was typed', async () => {
    const { d } = await scenario();
    const res = await call(d, 'POST', '/console/boards/:board/members/new', {
      form: form({ name: 'Dee Dean', email: 'Dee@Example.org', organisation: 'Fire', roles: ['member'] }),
    });
    expect(res.statusCode).toBe(201);
    const dee = (await d.boards.listMembers('b')).find((m) => m.email === 'dee@example.org');
    expect(dee).toMatchObject({ name: 'Dee Dean', roles: ['member'] });
    expect(dee?.linkEpoch).toBeTruthy();
    const taken = await call(d, 'POST', '/console/boards/:board/members/new', {
      form: form({ name: 'Other', email: 'bob@example.org', organisation: '', roles: ['member'] }),
    });
    expect(taken.statusCode).toBe(409);
    expect(text(taken)).toContain('bob@example.org is already a member of this board');
    const bad = await call(d, 'POST', '/console/boards/:board/members/new', {
      form: form({ name: '', email: 'not-an-email', organisation: '', roles: ['member'] }),
    });
    expect(bad.statusCode).toBe(422);
    expect(text(bad)).toContain('Email is not an email address');
    expect(String(bad.body)).toContain('value="not-an-email"');
    expect(await d.boards.listMembers('b')).toHaveLength(5);
  });

  it('gives a member whose email changes a new linkEpoch, so a link sealed for the old address no longer matches', async () => {
    const { d } = await scenario();
    const before = (await d.boards.getMember('b', 'bob'))!;
    const oldSeal = holderSeal(before);
    const res = await call(d, 'POST', '/console/boards/:board/members/:member', {
      member: 'bob',
      form: form({ ...before, email: 'bob.baker@example.org' }, { fingerprint: memberFingerprint(before) }),
    });
    expect(res.statusCode).toBe(200);
    expect(text(res)).toContain('links already sent to bob@example.org no longer work');
    const after = (await d.boards.getMember('b', 'bob'))!;
    expect(after.email).toBe('bob.baker@example.org');
    expect(after.linkEpoch).toBeTruthy();
    expect(after.linkEpoch).not.toBe(before.linkEpoch);
    expect(holderSeal(after)).not.toBe(oldSeal);
    // The old address is free again; the new one is taken.
    const reuse = await call(d, 'POST', '/console/boards/:board/members/new', {
      form: form({ name: 'New Bob', email: 'bob@example.org', organisation: '', roles: ['member'] }),
    });
    expect(reuse.statusCode).toBe(201);
  });

  it('keeps the linkEpoch when only the name changes', async () => {
    const { d } = await scenario();
    const before = (await d.boards.getMember('b', 'ann'))!;
    const res = await call(d, 'POST', '/console/boards/:board/members/:member', {
      member: 'ann',
      form: form({ ...before, name: 'Ann Able-Smith' }, { fingerprint: memberFingerprint(before) }),
    });
    expect(res.statusCode).toBe(200);
    expect(await d.boards.getMember('b', 'ann')).toMatchObject({ name: 'Ann Able-Smith', linkEpoch: before.linkEpoch });
  });

  it('tells the second of two editors to reload (409), keeping the first one’s change', async () => {
    const { d } = await scenario();
    const loaded = (await d.boards.getMember('b', 'ann'))!;
    const fingerprint = memberFingerprint(loaded);
    await call(d, 'POST', '/console/boards/:board/members/:member', {
      member: 'ann',
      form: form({ ...loaded, organisation: 'Police Scotland' }, { fingerprint }),
    });
    const res = await call(d, 'POST', '/console/boards/:board/members/:member', { member: 'ann', form: form({ ...loaded, name: 'Annie' }, { fingerprint }) });
    expect(res.statusCode).toBe(409);
    expect(text(res)).toContain('Someone else changed this member since you opened the page');
    expect(text(res)).toContain('Reload the member');
    expect(await d.boards.getMember('b', 'ann')).toMatchObject({ name: 'Ann Able', organisation: 'Police Scotland' });
  });

  it('lets only an admin grant the secretariat role; a secretariat member sees the box disabled', async () => {
    const { d } = await scenario();
    const ann = (await d.boards.getMember('b', 'ann'))!;
    const page = await call(d, 'GET', '/console/boards/:board/members/:member', { member: 'ann' });
    expect(String(page.body)).toMatch(/name="role-secretariat" disabled/);
    expect(text(page)).toContain('Only a console admin can give or take away the secretariat role.');
    const grant = form({ ...ann, roles: ['member', 'secretariat'] }, { fingerprint: memberFingerprint(ann) });
    const refused = await call(d, 'POST', '/console/boards/:board/members/:member', { member: 'ann', form: grant });
    expect(refused.statusCode).toBe(422);
    expect(text(refused)).toContain('Only a console admin can give or take away the secretariat role.');
    expect((await d.boards.getMember('b', 'ann'))?.roles).toEqual(['member']);
    const granted = await call(d, 'POST', '/console/boards/:board/members/:member', { who: admin, member: 'ann', form: grant });
    expect(granted.statusCode).toBe(200);
    expect((await d.boards.getMember('b', 'ann'))?.roles).toEqual(['secretariat', 'member']);
  });

  it('keeps the secretariat role of a member a secretariat edits (the disabled box is not sent)', async () => {
    const { d } = await scenario();
    const sam = (await d.boards.getMember('b', 'sam'))!;
    const res = await call(d, 'POST', '/console/boards/:board/members/:member', {
      member: 'sam',
      form: { csrf: 'test-csrf', name: 'Sam Secretary', email: sam.email, organisation: 'City Council', fingerprint: memberFingerprint(sam) },
    });
    expect(res.statusCode).toBe(200);
    expect(await d.boards.getMember('b', 'sam')).toMatchObject({ organisation: 'City Council', roles: ['secretariat'] });
  });

  it("refuses to take the board's last secretariat member's role, even for an admin", async () => {
    const { d } = await scenario();
    const sam = (await d.boards.getMember('b', 'sam'))!;
    const res = await call(d, 'POST', '/console/boards/:board/members/:member', {
      who: admin,
      member: 'sam',
      form: form({ ...sam, roles: ['member'] }, { fingerprint: memberFingerprint(sam) }),
    });
    expect(res.statusCode).toBe(422);
    expect(text(res)).toContain("Sam Secretary is the board's only secretariat member");
    expect((await d.boards.getMember('b', 'sam'))?.roles).toEqual(['secretariat']);
  });
});

describe('removing a member', () => {
  async function withActions(d: FakeDeps) {
    const base = { cycleId: 'c', ownersAsWritten: [], status: 'open' as const };
    return d.actions.createActions('b', 'c#minutes', [
      { ...base, ownerMemberIds: ['bob'], text: 'Map the hotspots.' },
      { ...base, ownerMemberIds: ['bob', 'ann'], text: 'Write the joint bid.' },
    ]);
  }

  it('shows which actions go back to the secretariat and which stay, before removing anything', async () => {
    const { d } = await scenario();
    await withActions(d);
    const res = await call(d, 'GET', '/console/boards/:board/members/:member/remove', { member: 'bob' });
    expect(res.statusCode).toBe(200);
    const page = text(res);
    expect(page).toMatch(/Back to the secretariat to reassign Action 1: Map the hotspots\./);
    expect(page).toMatch(/Staying with their other owners Action 2: Write the joint bid\. \(stays with Ann Able\)/);
    expect(page).toContain('Remove Bob Baker');
    expect(await d.boards.getMember('b', 'bob')).toBeDefined();
  });

  it('removes them with the core, says what was done, and a second POST changes nothing', async () => {
    const { d } = await scenario();
    await withActions(d);
    const res = await call(d, 'POST', '/console/boards/:board/members/:member/remove', { member: 'bob', form: { csrf: 'test-csrf', reason: 'retired' } });
    expect(res.statusCode).toBe(200);
    expect(text(res)).toContain('Bob Baker was removed');
    expect(text(res)).toContain('Back with the secretariat to reassign: action 1');
    expect(await d.boards.getMember('b', 'bob')).toBeUndefined();
    const emails = d.emails().length;
    const again = await call(d, 'POST', '/console/boards/:board/members/:member/remove', { member: 'bob', form: { csrf: 'test-csrf' } });
    expect(again.statusCode).toBe(200);
    expect(text(again)).toContain('they were already removed. Nothing was changed.');
    expect(d.emails()).toHaveLength(emails);
  });

  it("offers no remove button for the board's only chair", async () => {
    const { d } = await scenario();
    const res = await call(d, 'GET', '/console/boards/:board/members/:member/remove', { member: 'cara' });
    expect(text(res)).toContain("Cara Chair is the board's only chair");
    expect(String(res.body)).not.toContain('action="/console/boards/b/members/cara/remove"');
  });
});

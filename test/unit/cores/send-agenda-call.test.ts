import { makeSendAgendaCall } from '../../../functions/send-agenda-call/send-agenda-call';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import type * as Invitation from '../../../functions/shared/services/invitation';
import { appLinks, people, recipients, scenario } from './scenario';

/** Makes the mailer throw on its `nth` send, as SES throttling would; the returned function mends it. */
function failOnSend(d: Awaited<ReturnType<typeof scenario>>['d'], nth: number): () => void {
  const first = d.mailer.send.bind(d.mailer);
  let calls = 0;
  d.mailer.send = async (message) => {
    calls += 1;
    if (calls === nth) throw new Error('SES throttled');
    return first(message);
  };
  return () => {
    d.mailer.send = first;
  };
}

describe('SendAgendaCall', () => {
  it('emails every member the item deadline with a reusable link to propose an item and a calendar invitation', async () => {
    const { d, cycle, ref } = await scenario();

    expect(await makeSendAgendaCall(d)(ref)).toEqual({ sent: 4 });

    const emails = d.emails('agenda-call');
    expect(recipients(emails).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
    const ann = emails.find((e) => e.to[0]?.email === people.ann.email)!;
    expect(ann.subject).toBe('Agenda items due Wednesday 17 February: Riverside Safety Board, Wednesday 10 March');
    expect(ann.text).toContain('Wednesday 10 March 2027, 15:30');
    expect(ann.attachments?.map((a) => a.contentType)).toEqual([expect.stringContaining('text/calendar')]);
    const link = d.links.forUrl(appLinks(ann)[0]!);
    expect(link).toMatchObject({ purpose: 'propose-item', memberId: 'ann', cycleId: 'c', singleUse: false, expiresAt: cycle.timeline.itemDeadline });
  });

  it('sends nothing twice and issues no new link when run again', async () => {
    const { d, ref } = await scenario();
    await makeSendAgendaCall(d)(ref);
    const links = d.links.all().length;

    expect(await makeSendAgendaCall(d)(ref)).toEqual({ sent: 0 });

    expect(d.emails()).toHaveLength(4);
    expect(d.links.all()).toHaveLength(links);
  });

  it('makes invitations only for the members it sends to: a retry after a partial send builds none for the others', async () => {
    const { d, ref } = await scenario({ config: { sendConcurrency: 1 } });
    const mend = failOnSend(d, 4);
    await expect(makeSendAgendaCall(d)(ref)).rejects.toThrow('SES throttled');
    mend();
    // The same core with its invitations counted (the module under test, loaded again with a counting stand-in).
    let made = 0;
    let retry!: typeof makeSendAgendaCall;
    jest.isolateModules(() => {
      jest.doMock('../../../functions/shared/services/invitation', () => {
        const actual = jest.requireActual<typeof Invitation>('../../../functions/shared/services/invitation');
        return { ...actual, invitationFor: (...args: Parameters<typeof actual.invitationFor>) => ((made += 1), actual.invitationFor(...args)) };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the stand-in, in the isolated registry
      retry = (require('../../../functions/send-agenda-call/send-agenda-call') as { makeSendAgendaCall: typeof makeSendAgendaCall }).makeSendAgendaCall;
    });
    await retry(d)(ref);
    expect(made).toBe(1);
    expect(d.emails('agenda-call')).toHaveLength(4);
  });

  it('sends to the members not reached when the mail provider failed part-way', async () => {
    const { d, ref } = await scenario({ config: { sendConcurrency: 1 } });
    const send = makeSendAgendaCall(d);
    const mend = failOnSend(d, 3);

    await expect(send(ref)).rejects.toThrow('SES throttled');
    mend();
    await send(ref);

    expect(recipients(d.emails('agenda-call')).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
  });

  it('refuses a cycle that does not exist', async () => {
    const { d } = await scenario();
    await expect(makeSendAgendaCall(d)({ boardId: 'b', cycleId: 'nope' })).rejects.toThrow(NotFoundError);
    expect(d.emails()).toEqual([]);
  });
});

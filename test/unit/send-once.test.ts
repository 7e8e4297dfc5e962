import { makeSendOnce, messageIdFor, STALE_CLAIM_MS } from '../../functions/shared/services/send-once';
import type { EmailMessage, SendRateLimiter, TaskAttempt } from '../../functions/shared/ports';
import { FakeClock, FakeMailer, FakeSendRateLimiter, InMemoryOutbox } from '../support/fakes';

const clock = new FakeClock('2015-02-27T17:00:00Z');

const message: Omit<EmailMessage, 'messageId'> = {
  to: [{ name: 'Ann Other', email: 'ann@example.org' }],
  subject: 'Paper due Friday 27 February: item 3',
  html: '<p>Please upload your paper.</p>',
  text: 'Please upload your paper.',
  kind: 'paper-request',
};

function setup(): { outbox: InMemoryOutbox; mailer: FakeMailer; sendOnce: ReturnType<typeof makeSendOnce> } {
  const outbox = new InMemoryOutbox();
  const mailer = new FakeMailer();
  clock.set('2015-02-27T17:00:00Z');
  return { outbox, mailer, sendOnce: makeSendOnce({ outbox, mailer, clock, limiter: new FakeSendRateLimiter() }) };
}

const KEY = 'cycle-1#paper-request#3#member-7';

describe('sendOnce', () => {
  it('sends with a Message-ID derived from the key and records it as sent', async () => {
    const { outbox, mailer, sendOnce } = setup();

    const result = await sendOnce(KEY, message);

    expect(result).toEqual({ sent: true, messageId: 'ses-1' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toEqual({ ...message, messageId: messageIdFor(KEY) });
    expect(outbox.records.get(KEY)).toEqual({ status: 'sent', messageId: 'ses-1', claimedAt: '2015-02-27T17:00:00.000Z' });
  });

  it('sends nothing on a retry after a success', async () => {
    const { mailer, sendOnce } = setup();
    await sendOnce(KEY, message);

    const retry = await sendOnce(KEY, message);

    expect(retry).toEqual({ sent: false, messageId: 'ses-1' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('releases the claim when the send fails, so that a retry sends exactly once', async () => {
    const { outbox, mailer, sendOnce } = setup();
    mailer.failNext = 1;

    await expect(sendOnce(KEY, message)).rejects.toBe(mailer.error);
    expect(outbox.records.has(KEY)).toBe(false);

    await expect(sendOnce(KEY, message)).resolves.toEqual({ sent: true, messageId: 'ses-1' });
    await expect(sendOnce(KEY, message)).resolves.toEqual({ sent: false, messageId: 'ses-1' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('rethrows the send error, not the release error, when both fail', async () => {
    const { outbox, mailer, sendOnce } = setup();
    mailer.failNext = 1;
    outbox.releaseFails = true;

    await expect(sendOnce(KEY, message)).rejects.toBe(mailer.error);
  });

  it('sends once when two attempts race for the same key', async () => {
    const { mailer, sendOnce } = setup();

    const results = await Promise.all([sendOnce(KEY, message), sendOnce(KEY, message)]);

    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends separately under different keys', async () => {
    const { mailer, sendOnce } = setup();

    await sendOnce('k1', message);
    await sendOnce('k2', message);

    expect(mailer.sent.map((m) => m.messageId)).toEqual([messageIdFor('k1'), messageIdFor('k2')]);
  });
});

describe('sendOnce after an attempt that died between claiming and sending', () => {
  /** What a sandbox that died after the claim leaves: a claim with no message id. */
  async function deadAttempt(outbox: InMemoryOutbox): Promise<void> {
    await outbox.claim(KEY, clock.now().toISOString());
  }

  it('skips a recent claim: its attempt may still be sending', async () => {
    const { outbox, mailer, sendOnce } = setup();
    await deadAttempt(outbox);
    clock.advance(STALE_CLAIM_MS - 1000);

    expect(await sendOnce(KEY, message)).toEqual({ sent: false });
    expect(mailer.sent).toHaveLength(0);
  });

  it('sends again, with the same Message-ID, once the claim is stale', async () => {
    const { outbox, mailer, sendOnce } = setup();
    await deadAttempt(outbox);
    clock.advance(STALE_CLAIM_MS + 1000);

    expect(await sendOnce(KEY, message)).toEqual({ sent: true, messageId: 'ses-1' });
    expect(mailer.sent.map((m) => m.messageId)).toEqual([messageIdFor(KEY)]);
    expect(outbox.records.get(KEY)).toEqual({ status: 'sent', messageId: 'ses-1', claimedAt: clock.now().toISOString() });
    await expect(sendOnce(KEY, message)).resolves.toEqual({ sent: false, messageId: 'ses-1' });
  });

  it('sends a stale claim once when two retries find it together', async () => {
    const { outbox, mailer, sendOnce } = setup();
    await deadAttempt(outbox);
    clock.advance(STALE_CLAIM_MS + 1000);

    const results = await Promise.all([sendOnce(KEY, message), sendOnce(KEY, message)]);

    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('never sends again what was marked sent, however old', async () => {
    const { mailer, sendOnce } = setup();
    await sendOnce(KEY, message);
    clock.advance(30 * 86_400_000);

    expect(await sendOnce(KEY, message)).toEqual({ sent: false, messageId: 'ses-1' });
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('sendOnce in a retried task', () => {
  const SCOPE = 'board-2015-03-10#CirculatePapers';
  /** The runs of one task as Step Functions makes them: each starts when the one before has ended. */
  function runs() {
    const outbox = new InMemoryOutbox();
    const mailer = new FakeMailer();
    clock.set('2015-02-27T17:00:00Z');
    let current: TaskAttempt | undefined;
    const sendOnce = makeSendOnce({ outbox, mailer, clock, limiter: new FakeSendRateLimiter(), attempt: () => current });
    const run = (by: string, scope = SCOPE) => (current = { scope, by, startedAt: clock.now().toISOString() });
    return { outbox, mailer, sendOnce, run };
  }

  it('sends at once, with the same Message-ID, what the run before claimed and died before sending', async () => {
    const { outbox, mailer, sendOnce, run } = runs();
    run('request-1');
    await outbox.claim(KEY, clock.now().toISOString(), undefined, { scope: SCOPE, by: 'request-1', startedAt: clock.now().toISOString() });
    clock.advance(2000); // Step Functions retries after a few seconds, far sooner than a claim goes stale.
    run('request-2');

    expect(await sendOnce.holds(KEY)).toBe(false);
    expect(await sendOnce(KEY, message)).toEqual({ sent: true, messageId: 'ses-1' });
    expect(mailer.sent.map((m) => m.messageId)).toEqual([messageIdFor(KEY)]);
    expect(outbox.records.get(KEY)).toMatchObject({ status: 'sent', claimedBy: 'request-2', claimScope: SCOPE });
  });

  it('leaves alone a claim made after this run started: a duplicate invocation of the same run is sending it', async () => {
    const { outbox, mailer, sendOnce, run } = runs();
    run('request-2');
    clock.advance(500);
    await outbox.claim(KEY, clock.now().toISOString(), undefined, { scope: SCOPE, by: 'request-3', startedAt: clock.now().toISOString() });

    expect(await sendOnce.holds(KEY)).toBe(true);
    expect(await sendOnce(KEY, message)).toEqual({ sent: false });
    expect(mailer.sent).toHaveLength(0);
  });

  it("leaves alone another task's recent claim, and its own claim within the same run", async () => {
    const { outbox, mailer, sendOnce, run } = runs();
    await outbox.claim(KEY, clock.now().toISOString(), undefined, {
      scope: 'board-2015-03-10#PublishMinutes',
      by: 'request-9',
      startedAt: clock.now().toISOString(),
    });
    clock.advance(2000);
    run('request-2');
    expect(await sendOnce(KEY, message)).toEqual({ sent: false });

    await sendOnce('another-key', message);
    expect(await sendOnce.holds('another-key')).toBe(true);
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends once when two later runs find the same leftover claim together', async () => {
    const { outbox, mailer, sendOnce, run } = runs();
    await outbox.claim(KEY, clock.now().toISOString(), undefined, { scope: SCOPE, by: 'request-1', startedAt: clock.now().toISOString() });
    clock.advance(2000);
    run('request-2');

    const results = await Promise.all([sendOnce(KEY, message), sendOnce(KEY, message)]);

    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('sendOnce and the send rate', () => {
  it('claims only once the rate lets the send start, and spends none of it on what already went', async () => {
    const waits: boolean[] = [];
    const outbox = new InMemoryOutbox();
    const limiter: SendRateLimiter = {
      run: async (send) => {
        waits.push(outbox.records.has(KEY));
        return send(async () => undefined);
      },
    };
    const sendOnce = makeSendOnce({ outbox, mailer: new FakeMailer(), clock, limiter });

    await sendOnce(KEY, message);
    await sendOnce(KEY, message);

    expect(waits).toEqual([false]);
  });

  it('claims as soon as the rate has a place, and sends only once that place may start', async () => {
    const steps: string[] = [];
    const outbox = new InMemoryOutbox();
    const limiter: SendRateLimiter = {
      run: async (send) => {
        steps.push('place taken');
        try {
          return await send(async () => {
            steps.push(`may start (claimed: ${outbox.records.get(KEY)?.status ?? 'no'})`);
          });
        } finally {
          steps.push('place kept until the send settled');
        }
      },
    };
    const mailer = new FakeMailer();
    const send = mailer.send.bind(mailer);
    mailer.send = async (m) => (steps.push('sent'), send(m));

    await makeSendOnce({ outbox, mailer, clock, limiter })(KEY, message);

    expect(steps).toEqual(['place taken', 'may start (claimed: claimed)', 'sent', 'place kept until the send settled']);
  });
});

describe('messageIdFor', () => {
  it('is stable per key, 32 hex characters at meeting-cycle, and differs between keys', () => {
    expect(messageIdFor(KEY)).toBe(messageIdFor(KEY));
    expect(messageIdFor(KEY)).toMatch(/^[0-9a-f]{32}@meeting-cycle$/);
    expect(messageIdFor('abc')).toBe('ba7816bf8f01cfea414140de5dae2223@meeting-cycle');
    expect(messageIdFor(KEY)).not.toBe(messageIdFor(`${KEY}x`));
  });
});

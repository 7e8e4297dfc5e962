import { makeRateLimiter } from '../../functions/shared/domain/rate-limit';
import { rateLimitedMailer } from '../../functions/shared/services/rate-limited-mailer';
import type { EmailMessage } from '../../functions/shared/ports';

describe('rateLimitedMailer', () => {
  it('never lets more than the rate through in any second, however many send at once', async () => {
    let now = 0;
    const sleepers: { at: number; wake: () => void }[] = [];
    const limiter = makeRateLimiter({ perSecond: 3, now: () => now, sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })) });
    const sentAt: number[] = [];
    const mailer = rateLimitedMailer({ send: async () => (sentAt.push(now), 'id') }, limiter);
    const all = Promise.all(Array.from({ length: 10 }, () => mailer.send({} as EmailMessage)));
    for (let i = 0; i < 200 && sentAt.length < 10; i++) {
      await new Promise((r) => setImmediate(r));
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (next) {
        now = Math.max(now, next.at);
        next.wake();
      }
    }
    await all;
    expect(sentAt).toHaveLength(10);
    for (const start of sentAt) expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(3);
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { DynamoSendRateLimiter } from '../../functions/shared/adapters/dynamodb/dynamo-send-rate-limiter';
import { SesMailer } from '../../functions/shared/adapters/ses/ses-mailer';
import { mapLimit } from '../../functions/shared/domain/concurrency';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators';
import { startMailCapture, type MailCapture } from '../../local/mail/mail-capture';
import { useEmulators } from '../support/emulators';

jest.setTimeout(60_000);
const cloud = useEmulators();
const RATE = 6;
let capture: MailCapture;

beforeAll(async () => {
  capture = await startMailCapture({ now: () => new Date() }, { maxSendRate: RATE, enforceMaxSendRate: true });
});
afterAll(async () => {
  await capture.stop();
});

/** One function process: its own clients, mailer and limiter, sharing only the table and SES. */
function sendingProcess() {
  const ddb = new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const ses = new SESv2Client({ endpoint: capture.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const mailer = new SesMailer(ses, { from: 'Finance Committee <committees@example.org>' });
  const limiter = new DynamoSendRateLimiter(DynamoDBDocumentClient.from(ddb), cloud().endpoints.tableName, { perSecond: () => mailer.maxSendRate() });
  return {
    send: (n: string) =>
      limiter.run(async (mayStart) => {
        await mayStart();
        return mailer.send({
          to: [{ name: `Member ${n}`, email: `member.${n}@example.org` }],
          subject: 'Papers for the Finance Committee',
          html: '<p>Papers</p>',
          text: 'Papers',
          messageId: `${n}@meeting-cycle`,
          kind: 'circulation',
        });
      }),
    stop: () => {
      ddb.destroy();
      ses.destroy();
    },
  };
}

describe('the account-wide send rate', () => {
  it("never lets one second at SES hold more than the account's rate, however many processes send at once", async () => {
    const processes = Array.from({ length: 4 }, () => sendingProcess());
    const began = Date.now();
    try {
      await Promise.all(
        processes.map((p, i) =>
          mapLimit(
            Array.from({ length: 9 }, (_, n) => `${i}-${n}`),
            3,
            p.send,
          ),
        ),
      );
    } finally {
      for (const p of processes) p.stop();
    }
    const seconds = (Date.now() - began) / 1000;

    expect(capture.emails()).toHaveLength(36);
    expect(capture.throttled()).toBe(0);
    expect(capture.maxInWindow(1000)).toBeLessThanOrEqual(RATE);
    // Four processes at six a second each would take 1.5 s; sharing six a second takes six.
    expect(seconds).toBeGreaterThan(36 / RATE - 1);
  });
});

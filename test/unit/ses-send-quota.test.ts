import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';

import { SesMailer } from '../../functions/shared/adapters/ses/ses-mailer';

const ses = mockClient(SESv2Client);
const mailer = () => new SesMailer(new SESv2Client({}), { from: 'Finance Committee <committees@example.org>' });

beforeEach(() => ses.reset());

describe('SesMailer.maxSendRate', () => {
  it("reads the account's send rate from GetAccount", async () => {
    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000, SentLast24Hours: 12 } });

    await expect(mailer().maxSendRate()).resolves.toBe(14);
    expect(ses.commandCalls(GetAccountCommand)).toHaveLength(1);
  });

  it('fails loudly when SES reports no quota, rather than guess one', async () => {
    ses.on(GetAccountCommand).resolves({ SendingEnabled: false });

    await expect(mailer().maxSendRate()).rejects.toThrow('no send quota');
  });
});

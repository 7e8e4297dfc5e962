import { DescribeActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import { GetAccountCommand, GetEmailIdentityCommand, ListEmailIdentitiesCommand, type IdentityInfo } from '@aws-sdk/client-sesv2';
import type { Check, CheckOutcome, DoctorContext } from './check';

/** The address inside `Name <address>` (the SenderEmail output may carry a display name). */
export const senderAddress = (sender: string): string => (/<([^>]+)>/.exec(sender)?.[1] ?? sender).trim().toLowerCase();

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** The sender's domain identity: verified, signing with Easy DKIM, and its custom MAIL FROM (when set) in place. */
export const senderIdentity: Check = {
  id: 'sender-identity',
  title: 'Sender identity (DKIM)',
  scope: 'aws',
  calls: ['ses:GetEmailIdentity'],
  async run(ctx) {
    const sender = ctx.outputs.SenderEmail;
    if (!sender) return { status: 'fail', detail: 'the stack has no SenderEmail output', fix: 'Redeploy: npx cdk deploy -c meeting-cycle:senderEmail=…' };
    const domain = domainOf(senderAddress(sender));
    let identity;
    try {
      identity = await ctx.clients.sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
    } catch (err) {
      if ((err as Error).name !== 'NotFoundException') throw err;
      return {
        status: 'fail',
        detail: `${domain} is not an SES identity in ${ctx.region}`,
        fix:
          `Redeploy (the stack creates the domain identity), or create it: aws sesv2 create-email-identity --email-identity ${domain} --region ${ctx.region}; ` +
          `then add the DNS records that \`npx cycle doctor --aws\` lists.`,
      };
    }
    const problems: string[] = [];
    const records: string[] = [];
    if (!identity.VerifiedForSendingStatus) problems.push('not verified for sending');
    const dkim = identity.DkimAttributes;
    if (dkim?.Status !== 'SUCCESS') {
      problems.push(`DKIM ${dkim?.Status ?? 'not set up'}`);
      for (const token of dkim?.Tokens ?? []) records.push(`${token}._domainkey.${domain} CNAME ${token}.dkim.amazonses.com`);
    }
    const mailFrom = identity.MailFromAttributes;
    if (mailFrom?.MailFromDomain && mailFrom.MailFromDomainStatus !== 'SUCCESS') {
      problems.push(`MAIL FROM ${mailFrom.MailFromDomain} ${mailFrom.MailFromDomainStatus ?? 'not set up'}`);
      records.push(
        `${mailFrom.MailFromDomain} MX 10 feedback-smtp.${ctx.region}.amazonses.com`,
        `${mailFrom.MailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      );
    }
    if (problems.length) {
      const fix = records.length
        ? `Add these DNS records: ${records.join('; ')}. SES looks for them for 72 hours; run this again once they resolve.`
        : `Turn on Easy DKIM: aws sesv2 put-email-identity-dkim-attributes --email-identity ${domain} --signing-enabled --region ${ctx.region}, then add the CNAME records it lists.`;
      return { status: 'fail', detail: `${domain}: ${problems.join(', ')}`, fix };
    }
    if (!mailFrom?.MailFromDomain) {
      return {
        status: 'warn',
        detail: `${domain}: verified, DKIM signing, but no custom MAIL FROM domain (SPF does not align for DMARC)`,
        fix: `Set one: aws sesv2 put-email-identity-mail-from-attributes --email-identity ${domain} --mail-from-domain mail.${domain} --region ${ctx.region}, then add its MX and TXT records.`,
      };
    }
    return { status: 'ok', detail: `${domain}: verified, DKIM signing, MAIL FROM ${mailFrom.MailFromDomain}` };
  },
};

async function verifiedIdentities(ctx: DoctorContext): Promise<Set<string>> {
  const verified = new Set<string>();
  let token: string | undefined;
  do {
    const page = await ctx.clients.sesv2.send(new ListEmailIdentitiesCommand({ PageSize: 1000, ...(token ? { NextToken: token } : {}) }));
    for (const identity of page.EmailIdentities ?? ([] as IdentityInfo[])) {
      if (identity.IdentityName && identity.VerificationStatus === 'SUCCESS') verified.add(identity.IdentityName.toLowerCase());
    }
    token = page.NextToken;
  } while (token);
  return verified;
}

/**
 * The account can send to anyone: out of the SES sandbox, sending enabled. In the sandbox SES refuses
 * every recipient that is not a verified identity, so the check names the members it would refuse.
 */
export const sendingAccount: Check = {
  id: 'sending-account',
  title: 'SES account (sandbox, quota)',
  scope: 'both',
  calls: ['ses:GetAccount', 'ses:ListEmailIdentities', 'dynamodb:Query'],
  async run(ctx): Promise<CheckOutcome> {
    const account = await ctx.clients.sesv2.send(new GetAccountCommand({}));
    const quota = account.SendQuota
      ? `quota ${account.SendQuota.MaxSendRate ?? '?'} a second, ${account.SendQuota.Max24HourSend ?? '?'} a day (${account.SendQuota.SentLast24Hours ?? 0} sent in the last 24 hours)`
      : 'no send quota reported';
    if (account.SendingEnabled === false) {
      return {
        status: 'fail',
        detail: `SES has paused sending for the account (enforcement status ${account.EnforcementStatus ?? 'unknown'})`,
        fix: `Read the reason on the SES account dashboard (${ctx.region}), fix it, then ask AWS to resume sending from there.`,
      };
    }
    if (account.ProductionAccessEnabled) return { status: 'ok', detail: `production access; ${quota}` };
    const request =
      `Request production access: aws sesv2 put-account-details --production-access-enabled --mail-type TRANSACTIONAL ` +
      `--website-url ${ctx.outputs.ApiUrl ?? 'https://your-board.org'} --use-case-description "Meeting papers, agendas and reminders to our board members" --region ${ctx.region}.`;
    const [members, verified] = await Promise.all([ctx.members(), verifiedIdentities(ctx)]);
    const refused = members.filter((m) => !verified.has(m.email.toLowerCase()) && !verified.has(domainOf(m.email.toLowerCase())));
    if (!refused.length) {
      return { status: 'warn', detail: `in the SES sandbox; all ${members.length} members' addresses are verified identities; ${quota}`, fix: request };
    }
    const addresses = [...new Set(refused.map((m) => m.email.toLowerCase()))];
    return {
      status: 'fail',
      detail: `in the SES sandbox: SES refuses to send to ${addresses.length} member address(es) that are not verified: ${addresses.join(', ')}`,
      fix: `${request} Until it is granted, verify each address (its owner gets a confirmation email): ${addresses
        .map((a) => `aws sesv2 create-email-identity --email-identity ${a}`)
        .join('; ')}`,
    };
  },
};

/** The rule set that stores and hands on replies: the stack's set must be the region's active one, with its rule for the inbound domain. */
export const inboundRuleSet: Check = {
  id: 'inbound-rule-set',
  title: 'Inbound receipt rule set',
  scope: 'aws',
  calls: ['ses:DescribeActiveReceiptRuleSet'],
  async run(ctx) {
    const domain = ctx.outputs.InboundDomain?.toLowerCase();
    if (!domain) return { status: 'skip', detail: 'no inbound domain: approval is by link only' };
    // The output comes from the InboundMail construct, so CloudFormation prefixes its key with the construct's path.
    const stackSet = Object.entries(ctx.outputs).find(([key]) => key.includes('InboundRuleSetName'))?.[1];
    const activate = `Activate the stack's rule set: aws ses set-active-receipt-rule-set --rule-set-name ${stackSet ?? '<InboundRuleSetName output>'} --region ${ctx.region}`;
    const active = await ctx.clients.ses.send(new DescribeActiveReceiptRuleSetCommand({}));
    const name = active.Metadata?.Name;
    if (!name) return { status: 'fail', detail: `no receipt rule set is active in ${ctx.region}, so SES drops every reply`, fix: `${activate}.` };
    const rule = (active.Rules ?? []).find((r) => (r.Recipients ?? []).some((recipient) => recipient.toLowerCase() === domain));
    if ((stackSet && name !== stackSet) || !rule) {
      return {
        status: 'fail',
        detail: `the active rule set is ${name}${rule ? '' : `, which has no rule for ${domain}`}${stackSet && name !== stackSet ? `, not the stack's ${stackSet}` : ''}`,
        fix: `${activate} (SES has one active set per region: copy any rules you still need from ${name} first).`,
      };
    }
    if (rule.Enabled === false) {
      return {
        status: 'fail',
        detail: `rule ${rule.Name ?? '?'} of ${name} is disabled`,
        fix: `Enable it: SES console, Email receiving, ${name}, ${rule.Name ?? 'the rule'}.`,
      };
    }
    return { status: 'ok', detail: `${name} is active; rule ${rule.Name ?? '?'} receives ${domain}` };
  },
};

/** The inbound domain's MX points at SES's inbound endpoint for the stack's region. */
export const inboundMx: Check = {
  id: 'inbound-mx',
  title: 'Inbound MX record',
  scope: 'aws',
  calls: ['DNS MX lookup'],
  async run(ctx) {
    const domain = ctx.outputs.InboundDomain?.toLowerCase();
    if (!domain) return { status: 'skip', detail: 'no inbound domain: approval is by link only' };
    const expected = `inbound-smtp.${ctx.region}.amazonaws.com`;
    const record = `${domain} MX 10 ${expected}`;
    let exchanges: string[];
    try {
      exchanges = (await ctx.dns.resolveMx(domain)).map((mx) => mx.exchange.toLowerCase().replace(/\.$/, ''));
    } catch (err) {
      return {
        status: 'fail',
        detail: `${domain} has no MX record (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        fix: `Add this DNS record: ${record}`,
      };
    }
    if (!exchanges.includes(expected)) {
      return {
        status: 'fail',
        detail: `${domain}'s MX points at ${exchanges.join(', ') || 'nothing'}, not SES`,
        fix: `Replace ${domain}'s MX records with this one: ${record}`,
      };
    }
    return { status: 'ok', detail: `${domain} MX → ${expected}` };
  },
};

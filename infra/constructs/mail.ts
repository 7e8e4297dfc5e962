import { CfnOutput, Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { CnameRecord, type IHostedZone, MxRecord, TxtRecord } from 'aws-cdk-lib/aws-route53';
import {
  ConfigurationSet,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Properties of {@link Mail}. */
export interface MailProps {
  /** The From address of every email (context `meeting-cycle:senderEmail`). */
  readonly senderEmail: string;
  /** Domain of one-time Reply-To addresses (context `meeting-cycle:inboundDomain`); unset: no replies. */
  readonly inboundDomain?: string;
  /**
   * The Route 53 zone holding the sender's domain (context `meeting-cycle:hostedZoneId`): the DKIM and
   * MAIL FROM records are created in it. Without it they are stack outputs to add by hand.
   */
  readonly hostedZone?: IHostedZone;
}

/** The MAIL FROM (envelope sender) subdomain of the sender's domain: bounces come back to SES through it. */
export const MAIL_FROM_SUBDOMAIN = 'bounce';

/** SPF for the MAIL FROM domain: only SES sends as it. */
export const MAIL_FROM_SPF = 'v=spf1 include:amazonses.com ~all';

/**
 * Outgoing email: the sender's domain as an SES identity with Easy DKIM (2048-bit) and a custom MAIL FROM
 * domain, so mail is DKIM-signed and SPF-aligned for the From domain and members' providers that enforce
 * DMARC accept it; and a configuration set. Bounces and complaints go to the SES suppression list (so a
 * dead address stops receiving reminders) and, with delivery delays, to the default EventBridge bus,
 * where the bounce rule (bounces.ts) marks the member's address.
 */
export class Mail extends Construct {
  /** The From address. */
  readonly senderEmail: string;
  /** Where replies are received, if anywhere. */
  readonly inboundDomain?: string;
  /** Every message names this set, so its events are tracked. */
  readonly configurationSet: ConfigurationSet;
  /** The sender's domain; SES verifies it once the DKIM records resolve. */
  readonly identity: EmailIdentity;
  /** The sender's domain, e.g. `your-board.org` for `secretariat@your-board.org`. */
  readonly senderDomain: string;
  /** `bounce.<sender domain>`: its MX and SPF records make the envelope sender SES's. */
  readonly mailFromDomain: string;
  /** ARN of {@link Mail.configurationSet}; `ses:SendEmail` authorises against it as well as the identity. */
  readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    if (props.inboundDomain) this.inboundDomain = props.inboundDomain.toLowerCase();

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      // SES can only deliver to the account's default bus.
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY_DELAY,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    this.senderDomain = props.senderEmail.slice(props.senderEmail.lastIndexOf('@') + 1).toLowerCase();
    this.mailFromDomain = `${MAIL_FROM_SUBDOMAIN}.${this.senderDomain}`;
    this.identity = new EmailIdentity(this, 'Sender', {
      identity: Identity.domain(this.senderDomain),
      configurationSet: this.configurationSet,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      dkimSigning: true,
      mailFromDomain: this.mailFromDomain,
      // Until the MX record exists, SES uses its own MAIL FROM rather than refusing to send.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    this.addDnsRecords(props.hostedZone);

    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * The records that verify the domain and align the mail: three DKIM CNAMEs, and MX and SPF for the MAIL
   * FROM domain. Created in the zone when there is one; otherwise outputs, one record each, to add by hand.
   */
  private addDnsRecords(zone: IHostedZone | undefined): void {
    const region = Stack.of(this).region;
    const dkim = [
      [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
      [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
      [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
    ] as const;
    const mx = `feedback-smtp.${region}.amazonses.com`;
    if (zone) {
      // Full names with a final dot: the zone may be a parent of the sender's domain.
      dkim.forEach(([name, value], i) => new CnameRecord(this, `Dkim${i + 1}`, { zone, recordName: `${name}.`, domainName: value }));
      new MxRecord(this, 'MailFromMx', { zone, recordName: `${this.mailFromDomain}.`, values: [{ priority: 10, hostName: mx }] });
      new TxtRecord(this, 'MailFromSpf', { zone, recordName: `${this.mailFromDomain}.`, values: [MAIL_FROM_SPF] });
      return;
    }
    dkim.forEach(
      ([name, value], i) => new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${name} CNAME ${value}`, description: `DNS record ${i + 1} of 3 for DKIM` }),
    );
    new CfnOutput(this, 'MailFromMxRecord', { value: `${this.mailFromDomain} MX 10 ${mx}`, description: 'DNS record for the MAIL FROM domain' });
    new CfnOutput(this, 'MailFromSpfRecord', { value: `${this.mailFromDomain} TXT "${MAIL_FROM_SPF}"`, description: 'DNS record for the MAIL FROM domain' });
  }

  /**
   * Lets `grantee` send as the sender through the configuration set, and nothing else: SES v2
   * `SendEmail` (simple and raw MIME alike) checks both resources. Also `GetAccount`, to read the
   * account's send quota that every sender shares: the SES service authorization reference lists no
   * resource type for it, so only `*` can be granted, and it reveals nothing but the quota.
   */
  grantSend(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, this.configurationSetArn],
    }).combine(Grant.addToPrincipal({ grantee, actions: ['ses:GetAccount'], resourceArns: ['*'] }));
  }
}

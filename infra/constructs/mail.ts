import { Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Properties of {@link Mail}. */
export interface MailProps {
  /** The From address of every email (context `meeting-cycle:senderEmail`). */
  readonly senderEmail: string;
  /** Domain of one-time Reply-To addresses (context `meeting-cycle:inboundDomain`); unset: no replies. */
  readonly inboundDomain?: string;
}

/**
 * Outgoing email: the sender identity and a configuration set. Bounces and complaints go to the SES
 * suppression list (so a dead address stops receiving reminders) and, with delivery delays, to the
 * default EventBridge bus, where the bounce rule (bounces.ts) marks the member's address.
 */
export class Mail extends Construct {
  /** The From address. */
  readonly senderEmail: string;
  /** Where replies are received, if anywhere. */
  readonly inboundDomain?: string;
  /** Every message names this set, so its events are tracked. */
  readonly configurationSet: ConfigurationSet;
  /** The verified sender; SES sends a verification email to it on first deploy. */
  readonly identity: EmailIdentity;
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

    this.identity = new EmailIdentity(this, 'Sender', {
      identity: Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });

    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
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

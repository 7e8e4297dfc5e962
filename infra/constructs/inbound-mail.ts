import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { PREFIXES } from '../../functions/shared/table/object-keys';

/** Properties of {@link InboundMail}. */
export interface InboundMailProps {
  /** The domain one-time reply addresses live on (`reply+<token>@<domain>`); its MX points at SES. */
  readonly domain: string;
  /** Where SES stores each raw message, under `inbound/`. */
  readonly documents: Bucket;
  /** The inbound handler, invoked once the message is stored. */
  readonly handler: IFunction;
}

/** Days a received message is kept: long enough to investigate a disputed reply, then deleted. */
export const INBOUND_RETENTION_DAYS = 90;

/**
 * Receiving replies: an SES receipt rule for the inbound domain that scans for spam and viruses
 * (the verdicts reach the handler), requires TLS, stores the raw MIME in the documents bucket and
 * then invokes the inbound handler asynchronously (Lambda retries it on failure).
 *
 * SES has one active rule set per account and region, and CloudFormation cannot activate one: the
 * output `InboundRuleSetName` names the set to activate once (README, "Replies by email").
 */
export class InboundMail extends Construct {
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    props.documents.addLifecycleRule({ id: 'ExpireInboundMail', prefix: PREFIXES.inbound, expiration: Duration.days(INBOUND_RETENTION_DAYS) });
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { dropSpam: false });
    this.ruleSet.addRule('Replies', {
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3({ bucket: props.documents, objectKeyPrefix: PREFIXES.inbound }),
        new Lambda({ function: props.handler, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
    new CfnOutput(this, 'InboundRuleSetName', {
      value: this.ruleSet.receiptRuleSetName,
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    new CfnOutput(this, 'InboundMxRecord', {
      value: `10 inbound-smtp.${Stack.of(this).region}.amazonaws.com`,
      description: `MX record of ${props.domain}`,
    });
  }
}

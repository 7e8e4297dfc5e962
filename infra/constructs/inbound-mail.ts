import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIXES } from '../../functions/shared/table/object-keys';
import { deadLetterQueue } from './queues';

/** Properties of {@link InboundMail}. */
export interface InboundMailProps {
  /** The domain one-time reply addresses live on (`reply+<token>@<domain>`); its MX points at SES. */
  readonly domain: string;
  /** Where SES stores each raw message, under `inbound/` (kept 90 days: documents.ts RETENTION_DAYS). */
  readonly documents: Bucket;
  /** The inbound handler, invoked once the message is stored. */
  readonly handler: IFunction;
}

/**
 * Receiving replies: an SES receipt rule for the inbound domain that scans for spam and viruses
 * (the verdicts reach the handler), requires TLS, stores the raw MIME in the documents bucket and
 * then invokes the inbound handler asynchronously. Lambda retries a failed invocation twice; one that
 * still fails goes to {@link InboundMail.failures}, so a chair's reply is never dropped without a trace.
 *
 * SES has one active rule set per account and region, and CloudFormation cannot activate one: the
 * output `InboundRuleSetName` names the set to activate once (README, "Replies by email").
 */
export class InboundMail extends Construct {
  readonly ruleSet: ReceiptRuleSet;
  /**
   * Invocations that failed three times: each message holds the SES event (the stored message's id, never
   * its body), which an operator can replay into the function (README, "Operations").
   */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.failures = deadLetterQueue(this, 'Failures', 'inbound-mail invocations that failed every retry');
    props.handler.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failures),
      retryAttempts: 2,
      // SES invokes at once; an event still unprocessed after six hours goes to the queue rather than wait on.
      maxEventAge: Duration.hours(6),
    });
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

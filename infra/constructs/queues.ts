import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** SQS's longest retention: a failure that lands on a Friday night is still there when someone looks. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * A queue that holds what failed for good (an async invocation, a schedule's start), for an operator to
 * read and redrive (README, "Operations"). Encrypted with SQS-managed keys, so neither Lambda nor EventBridge
 * Scheduler needs a KMS grant to write to it, and TLS only.
 */
export function deadLetterQueue(scope: Construct, id: string, holds: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DEAD_LETTER_RETENTION,
    // What it holds is evidence of a failure, not data of record: it goes with the stack.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter destination (${holds}); nothing consumes it but an operator redriving by hand, so a further DLQ would only move the same messages.`,
  });
  return queue;
}

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HorizontalAnnotation } from 'aws-cdk-lib/aws-cloudwatch';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * SES reputation thresholds the alarms fire at, as fractions. SES reviews an account at a 5 % bounce rate
 * and 0.1 % complaint rate (and may pause sending at 10 % and 0.5 %): the alarms fire before the review,
 * with room for one cycle's mailing to be looked at.
 */
export const SES_ALARM_THRESHOLDS = { bounceRate: 0.04, complaintRate: 0.0008 } as const;

/** The metrics the functions publish through Powertools (namespace and `service` dimension as OPS13 sets them). */
export const APP_METRICS = {
  namespace: 'MeetingCycle',
  service: 'meeting-cycle',
  /** Published with a `kind` dimension as well. */
  byKind: ['EmailsSent'],
  plain: [
    'LinkRequests',
    'LinkRefusals',
    'ConsoleSignIns',
    'ConsoleRefusals',
    'CyclesStarted',
    'CyclesFailed',
    'CallbackChases',
    'EmailsSuppressed',
    'Bounces',
    'Complaints',
  ],
} as const;

/** A function the monitoring watches, with the name its alarms and graphs use. */
export interface WatchedFunction {
  readonly label: string;
  readonly fn: IFunction;
}

/** Properties of {@link Monitoring}. */
export interface MonitoringProps {
  /** The operator's address (context `meeting-cycle:alarmEmail`); without it, alarms reach nobody. */
  readonly alarmEmail?: string;
  readonly stateMachine: StateMachine;
  /** Every function of the stack: each gets an errors and a throttles alarm of its own. */
  readonly functions: readonly WatchedFunction[];
  readonly httpApi: HttpApi;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Hearing about trouble: an SNS topic (KMS-encrypted, TLS only) with the operator's address subscribed,
 * CloudWatch alarms on it for failed, timed-out and aborted cycles, each function's errors and throttles,
 * the API's 5xx, SES's account reputation and every dead-letter queue, and a dashboard of the same
 * figures with the app's own metrics. Alarms fire on the first occurrence: this app runs a few executions
 * a month, so one failure is an event, not noise. They also tell the topic when they clear.
 */
export class Monitoring extends Construct {
  /** Where every alarm goes. */
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  /** Every alarm, in the order made (the tests read them). */
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly queueWidget: GraphWidget;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key, so the topic has a key of its own
    // that CloudWatch may use, for this account's alarms only.
    const key = new Key(this, 'TopicKey', {
      description: 'meeting-cycle: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Alarms', { displayName: 'meeting-cycle alarms', masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    const sm = props.stateMachine;
    const sfn = [
      this.alarm(
        'ExecutionsFailed',
        sm.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        'A cycle’s execution failed: `cycle status` names the state; the cycle record says why.',
      ),
      this.alarm('ExecutionsTimedOut', sm.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, 'A cycle’s execution timed out (ASL TimeoutSeconds).'),
      this.alarm(
        'ExecutionsAborted',
        sm.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        'A cycle’s execution was stopped outside `cycle move`/`cancel`.',
      ),
    ];
    for (const { label, fn } of props.functions) {
      this.alarm(`${label}Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `${label} threw (its log group holds the error).`);
      this.alarm(
        `${label}Throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        `${label} was throttled: account concurrency is exhausted or its reserved concurrency is reached.`,
      );
    }
    const http5xx = props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm('Http5xx', http5xx, 1, 'The HTTP API answered 5xx: a link page or the console failed (access logs, then the function’s logs).');

    const sesRate = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    const bounce = sesRate('Reputation.BounceRate');
    const complaint = sesRate('Reputation.ComplaintRate');
    this.alarm(
      'SesBounceRate',
      bounce,
      SES_ALARM_THRESHOLDS.bounceRate,
      'SES bounce rate reached 4 % (SES reviews the account at 5 %): check members’ addresses.',
    );
    this.alarm('SesComplaintRate', complaint, SES_ALARM_THRESHOLDS.complaintRate, 'SES complaint rate reached 0.08 % (SES reviews the account at 0.1 %).');

    const appMetric = (metricName: string) =>
      new Metric({
        namespace: APP_METRICS.namespace,
        metricName,
        dimensionsMap: { service: APP_METRICS.service },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const emailsByKind = new MathExpression({
      expression: `SEARCH('{${APP_METRICS.namespace},kind,service} MetricName="EmailsSent"', 'Sum', 3600)`,
      usingMetrics: {},
      label: 'Emails sent',
    });
    const annotation = (value: number, label: string): HorizontalAnnotation => ({ value, label });

    this.queueWidget = new GraphWidget({ title: 'Dead-letter queues: messages waiting', width: 12, left: [] });
    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# meeting-cycle\nAlarms go to the topic in the `AlarmTopicArn` output. README, "Operations", says what each means.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Cycles (executions)', width: 12, left: [sm.metricStarted(), sm.metricSucceeded(), ...sfn.map((a) => a.metric)] }),
      new GraphWidget({ title: 'HTTP API', width: 12, left: [props.httpApi.metricCount(), props.httpApi.metricClientError(), http5xx] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Function errors', width: 12, left: props.functions.map(({ label, fn }) => fn.metricErrors({ label, statistic: 'Sum' })) }),
      new GraphWidget({
        title: 'Function throttles',
        width: 12,
        left: props.functions.map(({ label, fn }) => fn.metricThrottles({ label, statistic: 'Sum' })),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SES reputation (account)',
        width: 12,
        left: [bounce, complaint],
        leftAnnotations: [annotation(SES_ALARM_THRESHOLDS.bounceRate, 'bounce alarm'), annotation(SES_ALARM_THRESHOLDS.complaintRate, 'complaint alarm')],
      }),
      this.queueWidget,
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Emails sent, by kind', width: 12, left: [emailsByKind] }),
      new GraphWidget({ title: 'App metrics', width: 12, left: APP_METRICS.plain.map(appMetric) }),
    );
  }

  /**
   * Alarms when `queue` holds any message, and graphs it: every dead-letter queue of the stack goes
   * through here (the bounce handling's too), so none fills up unseen.
   */
  watchQueue(label: string, queue: IQueue): Alarm {
    const depth = queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES });
    // A labelled metric would make the alarm a metric-math one; the label is the graph's alone.
    this.queueWidget.addLeftMetric(depth.with({ label }));
    return this.alarm(`${label}NotEmpty`, depth, 1, `${label} holds a message that failed for good: README, "Operations", says how to read and redrive it.`);
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No data is the normal state (no execution, no email this hour), never trouble.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `meeting-cycle: ${description}`,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

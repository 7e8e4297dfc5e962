import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ARecord, type IHostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

/** Properties of {@link Api}. */
export interface ApiProps {
  /** The HTTP function: renders link pages, performs their forms, issues upload URLs. */
  readonly handler: IFunction;
  /**
   * Steady-state requests per second for the whole API. People click links one at a time; a higher
   * rate is a scanner or an attack, and throttling it caps what it costs.
   * @default 20
   */
  readonly rateLimit?: number;
  /** @default 50 */
  readonly burstLimit?: number;
  /** Host name the API is served on (context `meeting-cycle:appDomain`), with a certificate for it. */
  readonly appDomain?: string;
  /**
   * The Route 53 zone holding {@link ApiProps.appDomain} (context `meeting-cycle:hostedZoneId`): the
   * certificate is validated and the domain pointed at the API in it. Without it both are records to add
   * by hand (README, "Operations").
   */
  readonly hostedZone?: IHostedZone;
}

/**
 * The public HTTP API (API Gateway v2) behind every emailed link: `GET /l/{token}` shows a confirmation
 * page and never changes anything, `POST /l/{token}` performs it, `GET /health` answers a probe, and
 * `GET /public/{proxy+}` serves the public agenda of the boards that opted in.
 */
export class Api extends Construct {
  /** The API. */
  readonly httpApi: HttpApi;
  /** `https://<id>.execute-api.<region>.amazonaws.com`, without a trailing slash, as links need it. */
  readonly endpoint: string;
  /** The custom domain, when the stack has an app domain. */
  readonly domainName?: DomainName;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    // The stage is built explicitly because the API's implicit default stage takes no logging options.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'meeting-cycle links: confirmation pages, forms and uploads',
      createDefaultStage: false,
    });
    this.endpoint = this.httpApi.apiEndpoint;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (props.appDomain) {
      // DNS validation: with a zone CloudFormation adds the record itself; without one it waits, and the
      // certificate's CloudFormation event names the CNAME to add (README, "Operations").
      const certificate = new Certificate(this, 'Certificate', {
        domainName: props.appDomain,
        validation: props.hostedZone ? CertificateValidation.fromDns(props.hostedZone) : CertificateValidation.fromDns(),
      });
      this.domainName = new DomainName(this, 'DomainName', { domainName: props.appDomain, certificate });
      if (props.hostedZone) {
        new ARecord(this, 'AppDomainAlias', {
          zone: props.hostedZone,
          recordName: `${props.appDomain}.`,
          target: RecordTarget.fromAlias(new ApiGatewayv2DomainProperties(this.domainName.regionalDomainName, this.domainName.regionalHostedZoneId)),
        });
      } else {
        new CfnOutput(this, 'AppDomainRecord', {
          value: `${props.appDomain} CNAME ${this.domainName.regionalDomainName}`,
          description: 'DNS record that points the app domain at the API',
        });
      }
    }
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      ...(this.domainName ? { domainMapping: { domainName: this.domainName } } : {}),
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 20, burstLimit: props.burstLimit ?? 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route key, never the path: the path holds a live link token, and logs must not be a way to
        // replay someone's link.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Http', props.handler);
    this.httpApi.addRoutes({ path: '/l/{token}', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    // Pages under a link: /pack, /paper/<n>, /apologies (a {token} route matches one segment only).
    this.httpApi.addRoutes({ path: '/l/{token}/{proxy+}', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    this.httpApi.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration });
    const publicRoutes = this.httpApi.addRoutes({ path: '/public/{proxy+}', methods: [HttpMethod.GET], integration });

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Link routes are reached by board members from email without an account: the 32-byte random token in /l/{token} is the credential, checked by the handler against its stored SHA-256 (single use, expiring). /health is a public probe that reads nothing.',
    });
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The public agenda is meant for anyone to read, with no credential: the handler serves it only for a board that opted in (publicAgenda) and only from circulation, withholds exempt items and their papers, and answers GET only.',
      });
    }
  }
}

import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
} from '@aws-sdk/client-dynamodb';
import { NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ExecutionAlreadyExists, SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoCycleRepository } from '../../functions/shared/adapters/dynamodb/dynamo-cycle-repository';
import { mapSdkError } from '../../functions/shared/adapters/errors';
import { S3DocumentStore } from '../../functions/shared/adapters/s3/s3-document-store';
import { SfnWorkflow } from '../../functions/shared/adapters/sfn/sfn-workflow';
import { NotFoundError, RetryableError, ServiceUnavailableError, ThrottledError } from '../../functions/shared/domain/errors';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
/** Step Functions has no class for it: throttling arrives as its service exception named ThrottlingException. */
const throttled = () => new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', ...meta(400) });

describe('mapSdkError', () => {
  it.each([
    ['DynamoDB ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: 'slow down', ...meta(400) })],
    ['DynamoDB RequestLimitExceeded', new RequestLimitExceeded({ message: 'account limit', ...meta(400) })],
    ['S3 SlowDown (503)', new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate.', ...meta(503) })],
    ['Step Functions ThrottlingException', throttled()],
    ['any service answering 429', Object.assign(new Error('Too Many Requests'), { name: 'Unknown', ...meta(429) })],
  ])('makes %s a ThrottledError, keeping it as the cause', (_what, sdkError) => {
    const mapped = mapSdkError(sdkError);
    expect(mapped).toBeInstanceOf(ThrottledError);
    expect(mapped).toBeInstanceOf(RetryableError);
    expect((mapped as Error).name).toBe('ThrottledError');
    expect((mapped as Error).cause).toBe(sdkError);
    expect((mapped as Error).message).toContain(sdkError.name);
  });

  it.each([
    ['DynamoDB InternalServerError', new InternalServerError({ message: 'oops', ...meta(500) })],
    ['a 503 with no name the SDK knows', Object.assign(new Error('Service Unavailable'), { name: 'Unknown', ...meta(503) })],
    ['a server fault', new SFNServiceException({ name: 'ServiceException', $fault: 'server', message: 'internal', ...meta(500) })],
    ['a client-side timeout', Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('makes %s a ServiceUnavailableError, keeping it as the cause', (_what, sdkError) => {
    const mapped = mapSdkError(sdkError);
    expect(mapped).toBeInstanceOf(ServiceUnavailableError);
    expect((mapped as Error).name).toBe('ServiceUnavailableError');
    expect((mapped as Error).cause).toBe(sdkError);
  });

  it('returns every other error as it is, so adapters still read its SDK name', () => {
    const refusals = [
      new ConditionalCheckFailedException({ message: 'The conditional request failed', ...meta(400) }),
      new NoSuchKey({ message: 'The specified key does not exist.', ...meta(404) }),
      new ExecutionAlreadyExists({ message: 'Execution already exists', ...meta(400) }),
      new Error('a bug of ours'),
    ];
    for (const error of refusals) expect(mapSdkError(error)).toBe(error);
    expect(mapSdkError('text')).toBe('text');
    expect(mapSdkError(undefined)).toBeUndefined();
  });
});

describe('adapters on a mocked client', () => {
  const sfn = mockClient(SFNClient);
  const workflow = () => new SfnWorkflow(new SFNClient({}), () => 'arn:aws:states:eu-west-2:123456789012:stateMachine:MeetingCycle');
  beforeEach(() => sfn.reset());
  afterAll(() => sfn.restore());

  it('starts an execution through Step Functions, retryable when throttled or failing, unchanged when refused', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', message: 'down', ...meta(503) }))
      .rejectsOnce(new ExecutionAlreadyExists({ message: 'exists', ...meta(400) }));
    const input = { boardId: 'b', cycleId: 'c' };

    await expect(workflow().start('c', input)).rejects.toBeInstanceOf(ThrottledError);
    await expect(workflow().start('c', input)).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(workflow().start('c', input)).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });
});

/** An HTTP handler that answers every request with `status` and `body`, counting the requests: no socket. */
function answering(status: number, headers: Record<string, string>, body: string) {
  const calls = { count: 0 };
  const handler = {
    handle: async () => {
      calls.count += 1;
      return { response: { statusCode: status, reason: '', headers, body: Buffer.from(body) } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  return { handler, calls };
}

/** The SDK's retry loop, allowed two attempts and no delay, so a test sees what outlives it. */
function twoAttempts() {
  let attempts = 1;
  const token = () => ({ getRetryCount: () => attempts - 1, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(),
    refreshRetryTokenForRetry: async () => {
      if (attempts >= 2) throw new Error('no attempts left');
      attempts += 1;
      return token();
    },
    recordSuccess: () => undefined,
  };
}

const clientConfig = { region: 'eu-west-2', credentials: { accessKeyId: 'k', secretAccessKey: 's' } };

describe('adapters on a real SDK client (the mapping middleware, after the SDK retries)', () => {
  it('reports DynamoDB throttling from a repository as ThrottledError once the SDK has retried', async () => {
    const { handler, calls } = answering(
      400,
      { 'content-type': 'application/x-amz-json-1.0' },
      JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate of requests exceeds' }),
    );
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...clientConfig, endpoint: 'http://dynamodb.test', requestHandler: handler, retryStrategy: twoAttempts() }),
    );
    const cycles = new DynamoCycleRepository(doc, 'table');

    const error = await cycles.getCycle('b', 'c').catch((e: unknown) => e);

    expect(calls.count).toBe(2);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(((error as Error).cause as Error).name).toBe('ProvisionedThroughputExceededException');
  });

  it('reports an S3 5xx as ServiceUnavailableError, and still a missing object as NotFoundError', async () => {
    const failing = answering(
      500,
      { 'content-type': 'application/xml' },
      '<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>',
    );
    const down = new S3DocumentStore(
      new S3Client({ ...clientConfig, endpoint: 'http://s3.test', forcePathStyle: true, requestHandler: failing.handler, retryStrategy: twoAttempts() }),
      'bucket',
    );
    await expect(down.getText('papers/x.pdf')).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(failing.calls.count).toBe(2);

    const missing = answering(
      404,
      { 'content-type': 'application/xml' },
      '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
    );
    const empty = new S3DocumentStore(
      new S3Client({ ...clientConfig, endpoint: 'http://s3.test', forcePathStyle: true, requestHandler: missing.handler, retryStrategy: twoAttempts() }),
      'bucket',
    );
    await expect(empty.getText('papers/x.pdf')).rejects.toBeInstanceOf(NotFoundError);
  });
});

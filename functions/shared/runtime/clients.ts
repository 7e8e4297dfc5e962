import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { tracer } from './observability';

/**
 * SDK clients, built once per process on first use. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, which the local cloud points at its emulators; nothing here
 * knows whether it runs in AWS. Each is captured by the tracer, so X-Ray shows every call in AWS
 * (the tracer hands the client back untouched where tracing is off: locally and in tests).
 */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const dynamo = once(() =>
  DynamoDBDocumentClient.from(tracer().captureAWSv3Client(new DynamoDBClient({})), { marshallOptions: { removeUndefinedValues: true } }),
);
export const s3 = once(() => tracer().captureAWSv3Client(new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' })));
export const ses = once(() => tracer().captureAWSv3Client(new SESv2Client({})));
export const sfn = once(() => tracer().captureAWSv3Client(new SFNClient({})));

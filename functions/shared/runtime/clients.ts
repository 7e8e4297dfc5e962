import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from './tracing';

/**
 * `make`'s value, made on the first call and kept. Marked pure where it is called at module scope, so a
 * bundle drops a `once` nobody calls, and the SDK client or adapter it would make with it.
 */
export const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/*
 * SDK clients, built once per process on first use. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, which the local cloud points at its emulators; nothing here
 * knows whether it runs in AWS. Each is captured by the tracer as it is made, so X-Ray shows every call in
 * AWS (runtime/tracing.ts; untouched where nothing traces: locally and in tests). Only DynamoDB's is here:
 * every function reads the table. The others come with their adapters, loaded on first use (runtime/on-demand/).
 */

/** The DynamoDB document client. */
export const dynamo = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), { marshallOptions: { removeUndefinedValues: true } }),
);

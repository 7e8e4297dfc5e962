/*
 * Loaded by runtime/deps.ts with `import()` on the first email of a function that sends only sometimes (a link
 * page that mails a confirmation for a few purposes): the send-once service and the send-rate limiter, one chunk.
 */
export { makeSendOnce } from '../../services/send-once';
export { DynamoSendRateLimiter } from '../../adapters/dynamodb/dynamo-send-rate-limiter';

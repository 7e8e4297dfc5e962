/**
 * What AWS bills a cycle for, one meter per line of the bill. Counted by {@link ./cost.ts}, priced by
 * {@link PRICES}.
 */
export type Meter =
  | 'transitions'
  | 'lambdaRequests'
  | 'lambdaGbSeconds'
  | 'ddbWriteUnits'
  | 'ddbReadUnits'
  | 's3WriteRequests'
  | 's3ReadRequests'
  | 's3GbMonths'
  | 'emails'
  | 'attachmentGb'
  | 'httpRequests';

/** One meter's list price: `usd` for every `per` units of `unit`. */
export interface Price {
  usd: number;
  per: number;
  unit: string;
}

/**
 * List prices in eu-west-2 (Europe, London), on-demand, after any free tier (a small deployment may pay
 * nothing for most lines: the free tiers are per account, not per cycle), read on 2026-12-07.
 *
 * - Step Functions Standard: $0.025 per 1,000 transitions, "including retries", London row of the regional
 *   table on https://aws.amazon.com/step-functions/pricing/.
 * - Lambda: $0.20 per million requests; Arm (the stack's functions are arm64) $0.0000133334 per GB-second,
 *   duration "rounded up to the nearest 1 ms" (https://aws.amazon.com/lambda/pricing/). London charges
 *   the same as N. Virginia; the page's regional table is rendered by script, so that row was not read.
 * - DynamoDB on-demand, Standard table class: $0.7423 per million write request units and $0.1485 per
 *   million read request units — London's $1.4846 / $0.297 halved by the on-demand cut of 1 November 2024
 *   (https://aws.amazon.com/dynamodb/pricing/on-demand/; unit rules from the same page: 1 WRU per 1 KB
 *   written, 1 RRU per 4 KB read strongly consistent, half that eventually consistent, transactions double).
 * - S3 Standard, London: $0.024 per GB-month, $0.0053 per 1,000 PUT/COPY/POST/LIST, $0.00042 per 1,000
 *   GET and other requests, DELETE free (https://aws.amazon.com/s3/pricing/).
 * - SES outbound: $0.10 per 1,000 emails (each recipient of a message is one email) and $0.12 per GB of
 *   attachments (https://aws.amazon.com/ses/pricing/).
 * - API Gateway HTTP API, London: $1.11 per million requests for the first 300 million a month, metered in
 *   512 KB increments (https://aws.amazon.com/api-gateway/pricing/).
 *
 * Region tables AWS renders by script (DynamoDB, S3, API Gateway) could not be re-read for London
 * here: check those three rows against the pages above before quoting a figure to the cent.
 */
export const PRICES = {
  region: 'eu-west-2',
  readOn: '2026-12-07',
  meters: {
    transitions: { usd: 0.025, per: 1_000, unit: 'state transitions' },
    lambdaRequests: { usd: 0.2, per: 1_000_000, unit: 'Lambda requests' },
    lambdaGbSeconds: { usd: 0.0000133334, per: 1, unit: 'GB-seconds (arm64)' },
    ddbWriteUnits: { usd: 0.7423, per: 1_000_000, unit: 'DynamoDB write request units' },
    ddbReadUnits: { usd: 0.1485, per: 1_000_000, unit: 'DynamoDB read request units' },
    s3WriteRequests: { usd: 0.0053, per: 1_000, unit: 'S3 PUT/COPY/POST/LIST requests' },
    s3ReadRequests: { usd: 0.00042, per: 1_000, unit: 'S3 GET and other requests' },
    s3GbMonths: { usd: 0.024, per: 1, unit: 'S3 GB-months' },
    emails: { usd: 0.1, per: 1_000, unit: 'SES emails' },
    attachmentGb: { usd: 0.12, per: 1, unit: 'SES GB of attachments' },
    httpRequests: { usd: 1.11, per: 1_000_000, unit: 'HTTP API requests' },
  } satisfies Record<Meter, Price>,
} as const;

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type LifecycleRule, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { PREFIXES } from '../../functions/shared/table/object-keys';

/**
 * How long each kind of document is kept, in days (README, "Operations", holds the schedule). Minutes are
 * kept: they are the board's record, and no rule names `minutes/`.
 */
export const RETENTION_DAYS = {
  /** Papers and board packs: six years (2,192 days counts the leap days), as a public body keeps its meeting papers. */
  papersAndPacks: 2192,
  /** Members' raw replies: long enough to investigate a disputed reply, then deleted. */
  inboundMail: 90,
  /** Uploads before they are checked: the check runs seconds after the upload, and its copy is what is kept. */
  uploads: 1,
  /** A pack rebuilt in place keeps the one before it this long (the papers in it are kept as papers). */
  replacedPack: 30,
  /** Logs of who fetched which object. */
  accessLogs: 365,
} as const;

/**
 * The documents bucket's lifecycle, one rule per prefix. The bucket is versioned, so a rule that expires
 * current objects only hides them behind a delete marker: each rule also expires noncurrent versions, and
 * the last rule removes the delete markers left with no version behind them.
 */
export const DOCUMENT_LIFECYCLE_RULES: readonly LifecycleRule[] = [
  {
    id: 'Papers',
    prefix: PREFIXES.papers,
    expiration: Duration.days(RETENTION_DAYS.papersAndPacks),
    // A checked paper's key names its SHA-256: an overwrite is a retried check of the same bytes.
    noncurrentVersionExpiration: Duration.days(1),
  },
  {
    id: 'Packs',
    prefix: PREFIXES.packs,
    expiration: Duration.days(RETENTION_DAYS.papersAndPacks),
    noncurrentVersionExpiration: Duration.days(RETENTION_DAYS.replacedPack),
  },
  {
    id: 'InboundMail',
    prefix: PREFIXES.inbound,
    expiration: Duration.days(RETENTION_DAYS.inboundMail),
    // Without this the expired message stayed for ever as a noncurrent version.
    noncurrentVersionExpiration: Duration.days(1),
  },
  ...[PREFIXES.paperUploads, PREFIXES.minutesUploads].map((prefix) => ({
    id: prefix === PREFIXES.paperUploads ? 'PaperUploads' : 'MinutesUploads',
    prefix,
    expiration: Duration.days(RETENTION_DAYS.uploads),
    noncurrentVersionExpiration: Duration.days(1),
  })),
  {
    id: 'WholeBucket',
    // A presigned POST or a pack upload that never completed must not leave parts billed for ever.
    abortIncompleteMultipartUploadAfter: Duration.days(1),
    expiredObjectDeleteMarker: true,
  },
];

/** Properties of {@link Documents}. */
export interface DocumentsProps {
  /**
   * Origin of the link pages (`https://host`, no trailing slash). Upload pages POST to a presigned S3 URL
   * from this origin, so it is the only origin CORS allows.
   */
  readonly uploadOrigin: string;
}

/**
 * The document store: papers, board packs and minutes, uploads and raw replies. Private, versioned (a
 * redrafted paper or minutes keeps its earlier versions), TLS only, with server access logs to a separate
 * bucket, and each kind of document kept as long as {@link RETENTION_DAYS} says.
 */
export class Documents extends Construct {
  /** Papers, packs and minutes. */
  readonly bucket: Bucket;
  /** Server access logs of {@link Documents.bucket}. */
  readonly logsBucket: Bucket;

  constructor(scope: Construct, id: string, props: DocumentsProps) {
    super(scope, id);
    // Log delivery authorised by a bucket policy instead of the legacy LogDeliveryWrite ACL, so both
    // buckets keep ACLs disabled (BucketOwnerEnforced). Set here, where it matters, since apps without
    // the recommended feature flags (tests, older cdk.json) would otherwise get the ACL.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.logsBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3 server access logging can only deliver to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(RETENTION_DAYS.accessLogs) }],
      // Access logs are evidence of who fetched board papers: they outlive the stack like the papers do.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [...DOCUMENT_LIFECYCLE_RULES],
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [props.uploadOrigin],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

/** Properties of {@link Documents}. */
export interface DocumentsProps {
  /**
   * Origin of the link pages (`https://host`, no trailing slash). Upload pages POST to a presigned S3 URL
   * from this origin, so it is the only origin CORS allows.
   */
  readonly uploadOrigin: string;
}

/**
 * The document store: papers, board packs and minutes. Private, versioned (a redrafted paper or minutes
 * keeps its earlier versions), TLS only, with server access logs to a separate bucket.
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
      lifecycleRules: [{ expiration: Duration.days(365) }],
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
      // A presigned POST that is never completed must not leave parts billed forever.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
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

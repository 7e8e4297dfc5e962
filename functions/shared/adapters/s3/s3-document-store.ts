import type { S3Client } from '@aws-sdk/client-s3';
import type { CompletedPart } from '@aws-sdk/client-s3';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { DocumentStore } from '../../ports';
import { mapSdkErrors } from '../errors';
import { attachmentDisposition } from './attachment-disposition';

export { attachmentDisposition };

type PolicyCondition = NonNullable<PresignedPostOptions['Conditions']>[number];

function isMissing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // GetObject names it; HeadObject has no body, so the SDK can only say NotFound / 404.
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || status === 404;
}

/** The longest prefix all strings share: a POST policy can say "starts with", but not "one of". */
function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) {
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** S3's smallest part but the last is 5 MiB; a little more keeps the part count of a large pack low. */
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Papers, packs and minutes in one private bucket. Missing objects are NotFoundError for reads that
 * need them and `undefined` for `head`, which is how callers ask "is it there yet".
 */
export class S3DocumentStore implements DocumentStore {
  private readonly partBytes: number;

  /** `partBytes`: the size of the parts `putStream` uploads (tests make it small; S3 wants at least 5 MiB). */
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    options: { partBytes?: number } = {},
  ) {
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
    mapSdkErrors(s3);
  }

  async putText(key: string, body: string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async getText(key: string): Promise<string> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`Document ${key} does not exist.`, { cause: error });
      throw error;
    }
  }

  async putBytes(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async putVersion(key: string, body: Uint8Array, contentType: string): Promise<{ versionId?: string }> {
    const { VersionId } = await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
    return VersionId ? { versionId: VersionId } : {};
  }

  /**
   * Buffers chunks up to a part, so a body that fits in one part is a single PutObject and a larger one
   * a multipart upload holding one part in memory at a time. A failure aborts the multipart upload, so
   * no parts are left behind to be billed.
   */
  async putStream(key: string, chunks: AsyncIterable<Uint8Array>, contentType: string): Promise<{ size: number }> {
    let buffered: Uint8Array[] = [];
    let bufferedBytes = 0;
    let size = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const uploadPart = async (): Promise<void> => {
      const body = concat(buffered, bufferedBytes);
      buffered = [];
      bufferedBytes = 0;
      if (uploadId === undefined) {
        const created = await this.s3.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }));
        uploadId = created.UploadId;
      }
      const PartNumber = parts.length + 1;
      const { ETag } = await this.s3.send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: body }));
      parts.push({ ETag, PartNumber });
    };
    try {
      for await (const chunk of chunks) {
        buffered.push(chunk);
        bufferedBytes += chunk.byteLength;
        size += chunk.byteLength;
        if (bufferedBytes >= this.partBytes) await uploadPart();
      }
      if (uploadId === undefined) {
        await this.putBytes(key, concat(buffered, bufferedBytes), contentType);
        return { size };
      }
      if (bufferedBytes > 0) await uploadPart();
      await this.s3.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return { size };
    } catch (error) {
      if (uploadId !== undefined) {
        // The original failure is what the caller needs; a failed abort only leaves parts for the bucket's lifecycle rule.
        await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      }
      throw error;
    }
  }

  /** A copy of the object onto itself with new metadata: S3 cannot change an object's Content-Type in place. */
  async setContentType(key: string, contentType: string): Promise<void> {
    const source = `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    try {
      await this.s3.send(new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: source, MetadataDirective: 'REPLACE', ContentType: contentType }));
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`Document ${key} does not exist.`, { cause: error });
      throw error;
    }
  }

  async getBytes(key: string): Promise<Uint8Array> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`Document ${key} does not exist.`, { cause: error });
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number; contentType: string } | undefined> {
    try {
      const object = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: object.ContentLength ?? 0, contentType: object.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /**
   * A ranged GET, so sniffing a 20 MB upload reads a few bytes. An object shorter than `bytes` comes
   * back whole; an empty one answers 416, which is an empty prefix.
   */
  async readPrefix(key: string, bytes: number): Promise<Buffer> {
    if (bytes <= 0) return Buffer.alloc(0);
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
      const content = Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
      // A server that ignores Range sends everything; callers were promised at most `bytes`.
      return content.subarray(0, bytes);
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`Document ${key} does not exist.`, { cause: error });
      if (error instanceof Error && error.name === 'InvalidRange') return Buffer.alloc(0);
      throw error;
    }
  }

  /**
   * A POST policy for exactly `key`, 1..`maxBytes` bytes, expiring after `expiresInSeconds`.
   *
   * Content type: one allowed type is pinned with an exact match and returned as the `Content-Type`
   * field. Several cannot be listed in a policy, so it requires `Content-Type` to start with what they
   * share (`application/` for PDF and Word); the upload page must then add a `Content-Type` field with
   * the file's type, and the app still sniffs the stored bytes (readPrefix) before accepting a paper.
   * With a redirect URL the browser is sent back to the app (303) instead of S3's empty 204.
   */
  async presignUpload(input: {
    key: string;
    maxBytes: number;
    contentTypes: string[];
    expiresInSeconds: number;
    redirectUrl: string;
  }): Promise<{ url: string; fields: Record<string, string> }> {
    const { key, maxBytes, contentTypes, expiresInSeconds, redirectUrl } = input;
    if (contentTypes.length === 0) throw new ValidationError('An upload must allow at least one content type.');
    if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new ValidationError(`maxBytes must be a positive integer, not ${maxBytes}.`);

    const fields: Record<string, string> = {};
    // Fields become exact-match conditions in the policy (createPresignedPost adds them, and `key`).
    const conditions: PolicyCondition[] = [['content-length-range', 1, maxBytes]];
    if (contentTypes.length === 1) {
      fields['Content-Type'] = contentTypes[0] as string;
    } else {
      conditions.push(['starts-with', '$Content-Type', commonPrefix(contentTypes)]);
    }
    if (redirectUrl !== '') fields.success_action_redirect = redirectUrl;

    const post = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: conditions,
      Fields: fields,
      Expires: expiresInSeconds,
    });
    return { url: post.url, fields: post.fields };
  }

  /** Saved under `fileName` by the browser, whatever the key looks like. */
  async presignDownload(key: string, expiresInSeconds: number, fileName: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: attachmentDisposition(fileName) }), {
      expiresIn: expiresInSeconds,
    });
  }
}

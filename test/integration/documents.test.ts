import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { attachmentDisposition, S3DocumentStore } from '../../functions/shared/adapters/s3/s3-document-store';
import { NotFoundError } from '../../functions/shared/domain/errors';
import { useEmulators } from '../support/emulators';

const cloud = useEmulators();
const documents = () => new S3DocumentStore(cloud().s3, cloud().endpoints.bucketName);
const key = (name: string) => `papers/${randomUUID().slice(0, 8)}/${name}`;

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(2_000, 0x20)]);

type PolicyCondition = Record<string, string> | [string, ...(string | number)[]];

/** The policy S3 would enforce (s3rver does not), decoded from the form fields. */
function decodePolicy(fields: Record<string, string>): { expiration: string; conditions: PolicyCondition[] } {
  return JSON.parse(Buffer.from(fields.Policy as string, 'base64').toString('utf8')) as { expiration: string; conditions: PolicyCondition[] };
}

/** A browser's form post: the policy fields first, the file last (S3 ignores fields after it). */
function uploadForm(fields: Record<string, string>, file: Buffer, contentType: string, fileName: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (!('Content-Type' in fields)) form.append('Content-Type', contentType);
  form.append('file', new Blob([new Uint8Array(file)], { type: contentType }), fileName);
  return form;
}

describe('S3DocumentStore', () => {
  it('stores and reads back text, and heads it', async () => {
    const minutes = key('minutes.md');
    const body = '# Minutes\n\nThe committee agreed the budget of £5,000 — unanimously.\n';

    await documents().putText(minutes, body, 'text/markdown; charset=utf-8');

    expect(await documents().getText(minutes)).toBe(body);
    expect(await documents().head(minutes)).toEqual({ size: Buffer.byteLength(body), contentType: 'text/markdown; charset=utf-8' });
  });

  it('heads a missing document as undefined and refuses to read it', async () => {
    const missing = key('missing.pdf');

    expect(await documents().head(missing)).toBeUndefined();
    await expect(documents().getText(missing)).rejects.toThrow(NotFoundError);
    await expect(documents().readPrefix(missing, 8)).rejects.toThrow(NotFoundError);
  });

  it('reads only the first bytes of a document', async () => {
    const paper = key('budget.pdf');
    await cloud().s3.send(new PutObjectCommand({ Bucket: cloud().endpoints.bucketName, Key: paper, Body: PDF, ContentType: 'application/pdf' }));

    expect((await documents().readPrefix(paper, 5)).toString('latin1')).toBe('%PDF-');
    expect(await documents().readPrefix(paper, 10_000)).toEqual(PDF);
  });

  it('writes bytes and says no version where the bucket keeps none (s3rver; AWS versions the bucket)', async () => {
    const paper = key('checked.pdf');

    expect(await documents().putVersion(paper, PDF, 'application/pdf')).toEqual({});

    expect(Buffer.from(await documents().getBytes(paper))).toEqual(PDF);
    expect(await documents().head(paper)).toEqual({ size: PDF.length, contentType: 'application/pdf' });
  });

  it('presigns a POST limited to one key, a size range and the content types allowed', async () => {
    const paper = key('paper.pdf');

    const { url, fields } = await documents().presignUpload({
      key: paper,
      maxBytes: 20_000_000,
      contentTypes: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      expiresInSeconds: 900,
      redirectUrl: 'https://app.example.org/uploaded',
    });

    const policy = decodePolicy(fields);
    expect(url).toBe(`${cloud().endpoints.s3}/${cloud().endpoints.bucketName}`);
    expect(fields.key).toBe(paper);
    expect(policy.conditions).toContainEqual({ key: paper });
    expect(policy.conditions).toContainEqual({ bucket: cloud().endpoints.bucketName });
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 20_000_000]);
    expect(policy.conditions).toContainEqual(['starts-with', '$Content-Type', 'application/']);
    expect(policy.conditions).toContainEqual({ success_action_redirect: 'https://app.example.org/uploaded' });
    expect(fields.success_action_redirect).toBe('https://app.example.org/uploaded');
    expect(fields).not.toHaveProperty('Content-Type');
    const expiresIn = Date.parse(policy.expiration) - Date.now();
    expect(expiresIn).toBeGreaterThan(880_000);
    expect(expiresIn).toBeLessThanOrEqual(900_000);
  });

  it('pins a single allowed content type exactly', async () => {
    const { fields } = await documents().presignUpload({
      key: key('minutes.docx'),
      maxBytes: 1_000,
      contentTypes: ['application/pdf'],
      expiresInSeconds: 60,
      redirectUrl: '',
    });

    const { conditions } = decodePolicy(fields);
    expect(fields['Content-Type']).toBe('application/pdf');
    expect(conditions).toContainEqual({ 'Content-Type': 'application/pdf' });
    expect(conditions.some((c) => Array.isArray(c) && c[0] === 'starts-with')).toBe(false);
    expect(fields).not.toHaveProperty('success_action_redirect');
  });

  it('lands a browser-style POST upload and redirects back to the app', async () => {
    const paper = key('budget.pdf');
    const { url, fields } = await documents().presignUpload({
      key: paper,
      maxBytes: 20_000_000,
      contentTypes: ['application/pdf', 'application/msword'],
      expiresInSeconds: 900,
      redirectUrl: 'https://app.example.org/l/abc/uploaded',
    });

    const response = await fetch(url, { method: 'POST', body: uploadForm(fields, PDF, 'application/pdf', 'budget.pdf'), redirect: 'manual' });

    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe('https://app.example.org/l/abc/uploaded');
    expect(location.searchParams.get('key')).toBe(paper);
    expect(await documents().head(paper)).toEqual({ size: PDF.length, contentType: 'application/pdf' });
    expect((await documents().readPrefix(paper, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('writes a streamed body in one PUT when it fits in a part, and in parts when it does not', async () => {
    async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
      for (const part of parts) yield Buffer.from(part);
    }
    const store = new S3DocumentStore(cloud().s3, cloud().endpoints.bucketName, { partBytes: 8 });
    const small = key('small.pdf');
    const large = key('large.pdf');
    const send = jest.spyOn(cloud().s3, 'send');
    const commands = () => send.mock.calls.map(([command]) => command.constructor.name);

    expect(await store.putStream(small, chunks('%PDF', '-1'), 'application/pdf')).toEqual({ size: 6 });
    expect(commands()).toEqual(['PutObjectCommand']);
    send.mockClear();
    expect(await store.putStream(large, chunks('%PDF-1.7\n', 'one ', 'two ', 'three ', 'four\n', '%%EOF'), 'application/pdf')).toEqual({ size: 33 });
    expect(commands()).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    send.mockRestore();

    expect(Buffer.from(await store.getBytes(small)).toString()).toBe('%PDF-1');
    expect(Buffer.from(await store.getBytes(large)).toString()).toBe('%PDF-1.7\none two three four\n%%EOF');
    expect(await store.head(large)).toEqual({ size: 33, contentType: 'application/pdf' });
  });

  it('stores nothing when the stream fails part-way', async () => {
    const store = new S3DocumentStore(cloud().s3, cloud().endpoints.bucketName, { partBytes: 4 });
    const broken = key('broken.pdf');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('%PDF-1.7\n');
      throw new Error('the pack could not be written');
    }

    await expect(store.putStream(broken, failing(), 'application/pdf')).rejects.toThrow('the pack could not be written');
    expect(await store.head(broken)).toBeUndefined();
  });

  it('replaces the stored Content-Type once the real type is known, keeping the bytes', async () => {
    const upload = key('appendix-1');
    await cloud().s3.send(
      new PutObjectCommand({ Bucket: cloud().endpoints.bucketName, Key: upload, Body: 'a,b\n1,2\n', ContentType: 'application/octet-stream' }),
    );

    await documents().setContentType(upload, 'text/csv; charset=utf-8');

    expect(await documents().head(upload)).toEqual({ size: 8, contentType: 'text/csv; charset=utf-8' });
    expect(await documents().getText(upload)).toBe('a,b\n1,2\n');
    await expect(documents().setContentType(key('missing'), 'text/plain')).rejects.toThrow(NotFoundError);
  });

  it('presigns a download that saves under the given file name', async () => {
    const paper = key('x1.pdf');
    await cloud().s3.send(new PutObjectCommand({ Bucket: cloud().endpoints.bucketName, Key: paper, Body: PDF, ContentType: 'application/pdf' }));
    const fileName = 'Budget – 2026/27 (draft) "v2".pdf';

    const url = await documents().presignDownload(paper, 300, fileName);
    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF);
    expect(response.headers.get('content-disposition')).toBe(attachmentDisposition(fileName));
    expect(attachmentDisposition(fileName)).toBe(
      `attachment; filename="Budget _ 2026/27 (draft) _v2_.pdf"; filename*=UTF-8''Budget%20%E2%80%93%202026%2F27%20%28draft%29%20%22v2%22.pdf`,
    );
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
  });
});

import { makeHttpApp, readForm } from '../../functions/http/app';
import { errorStatus } from '../../functions/http/error-status';
import { LimitReachedError } from '../../functions/shared/domain/errors';
import { allowingFormsTo, download, notice, page, redirect } from '../../functions/http/page';
import type { CoreDeps } from '../../functions/shared/ports';
import { FakeTelemetry } from '../support/fake-telemetry';

describe('the headers of every link page', () => {
  const request = (path: string) => ({ method: 'GET', path, query: {}, body: '', contentType: '' });

  it('answers a link whose escapes do not decode with the page for an unknown link, not an error', async () => {
    // Decoding fails before anything is looked up: no dependency but the request and refusal counts is touched.
    const telemetry = new FakeTelemetry();
    const res = await makeHttpApp({ telemetry } as unknown as CoreDeps)(request('/l/%E0%A4%A'));
    expect(telemetry.total('LinkRefusals')).toBe(1);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('This link is not valid');
  });

  it('lets forms post only back to the app, and keeps the browser on HTTPS', () => {
    for (const res of [page(200, 'Hello', notice('x')), redirect('/l/x', 303), download('a.txt', 'text/plain', 'a')]) {
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    }
    const csp = page(200, 'Hello', notice('x')).headers['content-security-policy'];
    expect(csp).toContain("form-action 'self';");
    expect(csp).not.toContain('*');
  });

  it('lets a page with a presigned upload post to the bucket, and only that page', () => {
    const plain = page(200, 'Upload', notice('x'));
    const upload = allowingFormsTo(plain, 'https://docs-bucket.s3.eu-west-2.amazonaws.com/');
    expect(upload.headers['content-security-policy']).toContain("form-action 'self' https://docs-bucket.s3.eu-west-2.amazonaws.com;");
    expect(upload.headers['strict-transport-security']).toBeDefined();
    expect(plain.headers['content-security-policy']).toContain("form-action 'self';");
  });

  it('answers a cap reached with 429 and what the cap is', () => {
    expect(errorStatus(new LimitReachedError('You have proposed 10 items'))).toEqual({ status: 429, title: 'That is the most this link allows' });
  });

  it('reads any form body as fields or a refusal page', () => {
    const token = 'a'.repeat(43);
    const read = readForm({ method: 'POST', path: '/', query: {}, body: 'a=%E0%A4%A&&=&%%%', contentType: 'application/x-www-form-urlencoded' }, token);
    expect('refused' in read && read.refused.statusCode).toBe(403);
  });
});

import type { IncomingMessage } from 'node:http';
import { s3RequestClass } from '../../functions/shared/domain/cost';
import { METER_HEADER, type LocalMeter } from './local-meter';

const GB = 1024 ** 3;

/**
 * Counts each request s3rver receives at S3's two request prices, and the bytes written (a PUT's body, a
 * browser's POST upload) as a month of storage. Requests with no tag are people's: presigned uploads and
 * downloads from a browser.
 */
export function meterS3Requests(meter: LocalMeter): (req: IncomingMessage) => void {
  return (req) => {
    // Path style: /<bucket>/<key>; a request on the bucket itself has no key.
    const key = new URL(req.url ?? '/', 'http://s3.local').pathname.split('/').slice(2).join('/');
    const kind = s3RequestClass(req.method ?? 'GET', key);
    if (kind === 'free') return;
    const written = req.method === 'PUT' || req.method === 'POST' ? Number(req.headers['content-length'] ?? 0) : 0;
    meter.add(meter.tagOf(req.headers[METER_HEADER], 'people'), {
      [kind === 'write' ? 's3WriteRequests' : 's3ReadRequests']: 1,
      s3GbMonths: written / GB,
    });
  };
}

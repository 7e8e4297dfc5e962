// The POST Object controller of s3rver, which local/emulators/s3-post-filename.ts wraps.
declare module 's3rver/lib/controllers/object' {
  import type { IncomingMessage } from 'node:http';

  interface ObjectController {
    postObject(ctx: { req: IncomingMessage }): Promise<void>;
  }
  const controller: ObjectController;
  export default controller;
}

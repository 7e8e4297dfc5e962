import { z } from 'zod';

/** The upload to submit: the S3 key the presigned POST wrote, as S3 sent the browser back with it. */
export const uploadForm = z.object({ key: z.string().min(1).max(512) });

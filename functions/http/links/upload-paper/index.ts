import { isPaper } from '../../../shared/domain/types';
import { parseOrThrow } from '../../../shared/domain/validate';
import { notice, page } from '../../page';
import type { LinkPage } from '../types';
import { isUploadFor, itemOf, presignItemUpload, submitUpload, uploadKind } from './core';
import { arrivedPage, uploadMissingPage, uploadPage } from './page';
import { uploadForm } from './schema';

/**
 * A presenter uploads the paper, or an appendix, straight to S3 with a short-lived presigned POST (size
 * and type limited in its policy); S3 sends the browser back here, and the POST that follows checks what
 * actually arrived (size, and the type from the file's bytes, not its name) before recording it. The
 * paper is a PDF and goes into the board pack, each upload a new version; appendices (PDF, Office, images,
 * CSV or text) are circulated beside it as files of their own.
 */
export const uploadPaperPage: LinkPage<'upload-paper'> = {
  purpose: 'upload-paper',
  async show(c) {
    const cycleId = c.cycle.cycle.cycleId;
    const item = await itemOf(c.d, cycleId, c.link.subject);
    const uploadedKey = c.query.key;
    if (uploadedKey) {
      const head = isUploadFor(cycleId, item, uploadedKey) ? await c.d.documents.head(uploadedKey) : undefined;
      if (!head) return uploadMissingPage(item);
      return arrivedPage(c, item, uploadedKey, head.size, uploadKind(uploadedKey) === 'appendix');
    }
    const uploads = (await c.d.cycles.listPapers(cycleId)).filter((p) => p.itemNumber === item.number);
    const returnTo = `${c.d.config.appUrl}${c.self}`;
    const paper = await presignItemUpload(c.d, { cycleId, item, kind: 'paper', returnTo });
    const appendix = await presignItemUpload(c.d, { cycleId, item, kind: 'appendix', returnTo });
    return uploadPage(c, item, uploads, { paper, appendix });
  },
  async perform(c, raw) {
    const { key } = parseOrThrow(uploadForm, raw, 'upload');
    const item = await itemOf(c.d, c.cycle.cycle.cycleId, c.link.subject);
    const { paper, outcome } = await submitUpload(c.d, { cycle: c.cycle, item, uploader: c.holder, key });
    return { outcome, response: page(200, isPaper(paper) ? 'Paper received' : 'Appendix received', notice(outcome)) };
  },
};

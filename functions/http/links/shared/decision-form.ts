import * as z from '../../../shared/validation/zod';
import { readDecisionForm } from '../../../shared/domain/action-changes';

/**
 * The secretariat's answer to an owner's request: accept or decline, with an optional reason. The rules
 * and their messages are the domain's (`readDecisionForm`), shared with every decision page.
 */
export const decisionForm = z.pipe(
  z.record(z.string(), z.string()),
  z.transform((fields: Record<string, string>) => readDecisionForm(fields)),
);

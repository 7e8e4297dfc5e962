import { hashToken, linkUrl, newLinkToken } from './links';
import type { LinkPurpose } from './types';
import type { AppConfig, Clock, LinkRepository } from '../ports';

export interface LinkRequest {
  purpose: LinkPurpose;
  boardId: string;
  cycleId: string;
  memberId: string;
  subject?: string;
  expiresAt: Date;
  /** True where following the link changes state once (approve, confirm). */
  singleUse: boolean;
}

/**
 * Makes a fresh random token, stores only its hash with what it allows, and returns the URL to put
 * in an email. The token exists nowhere else.
 */
export function makeIssueLink(d: { links: LinkRepository; clock: Clock; config: AppConfig }) {
  return async (req: LinkRequest): Promise<string> => {
    const token = newLinkToken();
    await d.links.putLink({
      tokenHash: hashToken(token),
      purpose: req.purpose,
      boardId: req.boardId,
      cycleId: req.cycleId,
      memberId: req.memberId,
      ...(req.subject !== undefined ? { subject: req.subject } : {}),
      expiresAt: req.expiresAt.toISOString(),
      singleUse: req.singleUse,
      createdAt: d.clock.now().toISOString(),
    });
    return linkUrl(d.config.appUrl, token);
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const laterOf = (a: Date, b: Date): Date => (a.getTime() > b.getTime() ? a : b);

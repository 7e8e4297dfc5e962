import { hashToken, linkUrl, newLinkToken } from '../domain/links';
import { newReplyToken, replyAddress } from '../domain/reply';
import type { LinkPurpose, ReplyPurpose } from '../domain/types';
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

type TokenDeps = { links: LinkRepository; clock: Clock; config: AppConfig };

/** Stores what a token allows under its hash; the token itself is stored nowhere. */
async function storeToken(d: TokenDeps, token: string, req: Omit<LinkRequest, 'purpose'> & { purpose: LinkPurpose | ReplyPurpose }): Promise<void> {
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
}

/**
 * Makes a fresh random token, stores only its hash with what it allows, and returns the URL to put
 * in an email. The token exists nowhere else.
 */
export function makeIssueLink(d: TokenDeps) {
  return async (req: LinkRequest): Promise<string> => {
    const token = newLinkToken();
    await storeToken(d, token, req);
    return linkUrl(d.config.appUrl, token);
  };
}

/** What a one-time reply address answers. */
export type ReplyRequest = Omit<LinkRequest, 'purpose' | 'singleUse'> & { purpose: ReplyPurpose };

/**
 * Makes a one-time reply address on the inbound domain, stored like a link (hash only, purpose,
 * expiry) and single-use; undefined when the deployment receives no mail.
 */
export function makeIssueReplyAddress(d: TokenDeps) {
  return async (req: ReplyRequest): Promise<string | undefined> => {
    const domain = d.config.inboundDomain;
    if (!domain) return undefined;
    const token = newReplyToken();
    await storeToken(d, token, { ...req, singleUse: true });
    return replyAddress(token, domain);
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const laterOf = (a: Date, b: Date): Date => (a.getTime() > b.getTime() ? a : b);

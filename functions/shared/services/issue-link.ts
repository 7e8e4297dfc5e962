import { isSingleUse } from '../domain/link-policy';
import { hashToken, linkUrl, newLinkToken } from '../domain/links';
import { holderSeal } from '../domain/member-identity';
import { newReplyToken, replyAddress } from '../domain/reply';
import type { LinkPurpose, ReplyPurpose } from '../domain/types';
import type { AppConfig, BoardRepository, Clock, LinkRepository } from '../ports';

/** A link to issue; whether it works once is its purpose's (LINK_POLICY). */
export interface LinkRequest {
  purpose: LinkPurpose;
  boardId: string;
  cycleId: string;
  memberId: string;
  subject?: string;
  /** When it stops working: `linkExpiry(purpose, …)` reads the purpose's lifetime. */
  expiresAt: Date;
}

type TokenDeps = { links: LinkRepository; boards: Pick<BoardRepository, 'getMember'>; clock: Clock; config: AppConfig };

/**
 * Stores what a token allows under its hash; the token itself is stored nowhere. The holder's seal is
 * read from the member record now rather than taken from the caller, so a link cannot outlive a removal
 * that happened after the caller loaded its members: such a link gets no seal and never works.
 */
async function storeToken(d: TokenDeps, token: string, req: Omit<LinkRequest, 'purpose'> & { purpose: LinkPurpose | ReplyPurpose }): Promise<void> {
  const holder = await d.boards.getMember(req.boardId, req.memberId);
  const seal = holder && holderSeal(holder);
  await d.links.putLink({
    tokenHash: hashToken(token),
    purpose: req.purpose,
    boardId: req.boardId,
    cycleId: req.cycleId,
    memberId: req.memberId,
    ...(seal !== undefined ? { holderSeal: seal } : {}),
    ...(req.subject !== undefined ? { subject: req.subject } : {}),
    expiresAt: req.expiresAt.toISOString(),
    singleUse: isSingleUse(req.purpose),
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
export type ReplyRequest = Omit<LinkRequest, 'purpose'> & { purpose: ReplyPurpose };

/**
 * Makes a one-time reply address on the inbound domain, stored like a link (hash only, purpose,
 * expiry) and single-use; undefined when the deployment receives no mail.
 */
export function makeIssueReplyAddress(d: TokenDeps) {
  return async (req: ReplyRequest): Promise<string | undefined> => {
    const domain = d.config.inboundDomain;
    if (!domain) return undefined;
    const token = newReplyToken();
    await storeToken(d, token, req);
    return replyAddress(token, domain);
  };
}

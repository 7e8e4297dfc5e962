import { COMMENT_MAX, compose, oneLine, onlyIf, subjectTitle } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `reply-outcome`: the answer to an email reply, accepted or not, so nobody is left guessing. */
export interface ReplyOutcomeData extends EmailBase {
  accepted: boolean;
  /** What the reply was about: "the minutes of Tuesday 10 March 2026". */
  about: string;
  /** One sentence: what was done, or why nothing was. */
  outcome: string;
  /** What the person can do now (use the link in the email, ask the secretariat). */
  whatNext?: string;
  /** What we read from the reply, quoted back (change requests). */
  quoted?: string;
}

/** Tells the sender of a reply what it did, or why it changed nothing. */
export function replyOutcomeEmail(data: ReplyOutcomeData): RenderedEmail {
  return compose(data, {
    subject: data.accepted ? `Reply received: ${subjectTitle(data.about)}` : `Your reply was not accepted: ${subjectTitle(data.about)}`,
    lead: data.accepted ? oneLine(data.outcome) : `Your email about ${oneLine(data.about)} changed nothing: ${oneLine(data.outcome)}`,
    blocks: [
      ...onlyIf(
        data.quoted !== undefined,
        { type: 'heading', text: 'What we read from your reply' },
        { type: 'preformatted', text: data.quoted ?? '', max: COMMENT_MAX },
      ),
      ...onlyIf(data.whatNext !== undefined, { type: 'paragraph', text: data.whatNext ?? '' }),
    ],
  });
}

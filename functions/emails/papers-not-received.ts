import { compose, count, oneLine, shortDate } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `papers-not-received`: to the secretariat at the paper deadline, when papers are missing. */
export interface PapersNotReceivedData extends EmailBase {
  meetingWhen: string;
  /** When the papers circulate (display date). */
  circulationWhen: string;
  missing: readonly { number: number; title: string; presenter: string; presenterEmail: string }[];
}

/** Lists the papers the deadline passed without, and whom to chase, before the pack goes out. */
export function papersNotReceivedEmail(data: PapersNotReceivedData): RenderedEmail {
  return compose(data, {
    subject: `${count(data.missing.length, 'paper')} not received for ${shortDate(data.meetingWhen)}: ${oneLine(data.board)}`,
    lead: `The paper deadline has passed and ${count(data.missing.length, 'paper')} ${data.missing.length === 1 ? 'has' : 'have'} not arrived. The pack circulates ${oneLine(data.circulationWhen)}; papers that arrive later go out as a supplementary circulation.`,
    blocks: [
      {
        type: 'list',
        items: data.missing.map((m) => ({
          text: `Item ${m.number}: ${m.title}`,
          detail: m.presenterEmail ? `${m.presenter}, ${m.presenterEmail}` : m.presenter,
        })),
      },
      { type: 'paragraph', text: 'Each presenter can still upload with the link in their paper request.' },
    ],
  });
}

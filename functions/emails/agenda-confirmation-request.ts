import { compose, oneLine, purposeLabel, shortDate, title } from './layout';
import type { EmailBase, RenderedEmail } from './layout';
import type { ItemPurpose } from '../shared/domain/types';

/** One line of the draft agenda. */
export interface DraftAgendaItem {
  number: number;
  title: string;
  /** Presenter's name, if the item has one. */
  presenter?: string;
  purpose: ItemPurpose;
}

/** `agenda-confirmation-request`: to the secretariat once proposals close. */
export interface AgendaConfirmationRequestData extends EmailBase {
  /** Display date and time of the meeting. */
  meetingWhen: string;
  items: readonly DraftAgendaItem[];
  confirmUrl: string;
  /** Display date by which the agenda should be confirmed. */
  confirmBy: string;
}

/** Asks the secretariat to check and confirm the draft agenda; confirming sends the paper requests. */
export function agendaConfirmationRequestEmail(data: AgendaConfirmationRequestData): RenderedEmail {
  const board = oneLine(data.board);
  return compose(data, {
    subject: `Confirm the agenda by ${shortDate(data.confirmBy)}: ${board}, ${shortDate(data.meetingWhen)}`,
    lead: `Please check and confirm the draft agenda for the ${board} meeting on ${oneLine(data.meetingWhen)} by ${oneLine(data.confirmBy)}.`,
    blocks: [
      { type: 'heading', text: `Draft agenda (${data.items.length} ${data.items.length === 1 ? 'item' : 'items'})` },
      {
        type: 'list',
        items: data.items.map((item) => ({
          text: `${item.number}. ${title(item.title)}`,
          detail: [purposeLabel(item.purpose), item.presenter !== undefined ? `presented by ${oneLine(item.presenter)}` : undefined]
            .filter((part) => part !== undefined)
            .join(', '),
        })),
      },
      { type: 'button', label: 'Review and confirm the agenda', url: data.confirmUrl },
      {
        type: 'paragraph',
        text: 'You can reorder, edit or remove items on that page. Once you confirm, each presenter is asked for their paper.',
      },
    ],
  });
}

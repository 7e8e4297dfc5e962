import type { OnlineMeeting } from '../shared/domain/types';
import type { Block } from './layout';

/**
 * How to join a meeting held online or hybrid, for every email about the meeting: a link to join and
 * the dial-in text as the secretariat wrote it. Nothing for a meeting in a room only. The link is a
 * secondary one (a list line), so an email's own button stays its main action. For a cancelled meeting
 * the same details are shown as the ones that were given, so a reader can tell which meeting is off.
 */
export function onlineBlocks(online: OnlineMeeting | undefined, opts: { cancelled?: boolean } = {}): Block[] {
  if (!online || (!online.joinUrl && !online.dialIn)) return [];
  const cancelled = opts.cancelled === true;
  return [
    { type: 'heading', text: cancelled ? 'Joining details (no longer in use)' : 'Joining online' },
    ...(online.joinUrl
      ? [
          {
            type: 'list' as const,
            items: [
              {
                text: cancelled ? 'The joining link that was sent.' : 'The meeting can be joined online.',
                link: { label: cancelled ? 'Joining link' : 'Join the meeting', url: online.joinUrl },
              },
            ],
          },
        ]
      : []),
    ...(online.dialIn
      ? [
          { type: 'paragraph' as const, text: 'To join by phone:' },
          { type: 'preformatted' as const, text: online.dialIn, max: 500 },
        ]
      : []),
  ];
}

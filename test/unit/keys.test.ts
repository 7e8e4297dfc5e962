import {
  approvedMinutesKey,
  approvedMinutesPdfKey,
  checkedPaperKey,
  inboundKey,
  minutesDraftKey,
  minutesUploadKeyTemplate,
  minutesUploadPrefix,
  packKey,
  paperKey,
  paperPrefix,
  paperUploadKey,
  paperUploadPrefix,
  PREFIXES,
  publicMinutesKey,
  publicMinutesPdfKey,
} from '../../functions/shared/table/object-keys';
import { outboxKeys } from '../../functions/shared/table/outbox-keys';

// These strings are stored (outbox claims, Paper.s3Key, Cycle.packs): a change would re-send emails
// already sent and lose documents already written, so they are pinned byte for byte.
describe('outbox keys', () => {
  it.each([
    [outboxKeys.agendaCall('b-2027-01-20', 'm1'), 'agenda-call#b-2027-01-20#m1'],
    [outboxKeys.paperAsk('paper-reminder', 'c', 3), 'paper-reminder#c#3'],
    [outboxKeys.circulationTo(outboxKeys.circulation('c'), 'm1'), 'circulation#c#m1'],
    [outboxKeys.circulationTo(outboxKeys.supplementary('c', '2027-01-12T09:00:00.000Z'), 'm1'), 'supplementary#c#2027-01-12T09:00:00.000Z#m1'],
    [outboxKeys.meetingMoved('c', 2, 'm1'), 'meeting-moved#c#2#m1'],
    [outboxKeys.chase('c', 'chair-approval', 3, 'm1'), 'chase#c#chair-approval#3#m1'],
    [outboxKeys.escalation('c', 'minutes-draft', 4, 'm1'), 'escalation#c#minutes-draft#4#m1'],
    [outboxKeys.actionAssigned('a1', 7, 'm1'), 'action-assigned#a1#v7#m1'],
    [outboxKeys.actionReminder('b', '2027-03-01', 'm1'), 'action-reminder#b#2027-03-01#m1'],
    [outboxKeys.actionDigest('b', '2027-03-01', 'm1'), 'action-digest#b#2027-03-01#m1'],
    [outboxKeys.memberLeft('b', 'gone', 'sec'), 'member-left#b#gone#sec'],
    [outboxKeys.inboundReply('<x@example.org>'), 'inbound#<x@example.org>'],
    [outboxKeys.publicMinutesWithheld('c', 2, 'm1'), 'public-minutes-withheld#c#2#m1'],
    [outboxKeys.actionAsk('action-due-proposed', 'a1', 'ch1', 'm1'), 'action-due-proposed#a1#ch1#m1'],
    [outboxKeys.actionFreshLink('abc', '2027-03-01'), 'action-fresh-link#abc#2027-03-01'],
    [outboxKeys.paperReceipt('papers/c/item-1/x.pdf'), 'paper-receipt#papers/c/item-1/x.pdf'],
  ])('%s', (built, expected) => {
    expect(built).toBe(expected);
  });
});

describe('object keys', () => {
  it.each([
    [packKey('c', 'public'), 'packs/c/public.pdf'],
    [paperPrefix('c', 4), 'papers/c/item-4/'],
    [paperKey('c', 4, 'v2-report.pdf'), 'papers/c/item-4/v2-report.pdf'],
    [checkedPaperKey('c', 4, 'appendix-ab', 'e3b0', 'xlsx'), 'papers/c/item-4/appendix-ab/e3b0.xlsx'],
    [paperUploadPrefix('c', 4), 'paper-uploads/c/item-4/'],
    [paperUploadKey('c', 4, 'paper-ab'), 'paper-uploads/c/item-4/paper-ab'],
    [minutesUploadPrefix('c'), 'minutes-uploads/c/'],
    [minutesUploadKeyTemplate('c', 'f00d'), 'minutes-uploads/c/f00d/${filename}'],
    [minutesDraftKey('c', 'beef'), 'minutes/c/beef.md'],
    [approvedMinutesKey('c', 2), 'minutes/c/v2-approved.html'],
    [approvedMinutesPdfKey('c', 2), 'minutes/c/v2-approved.pdf'],
    [publicMinutesKey('c', 2), 'minutes/c/v2-public.html'],
    [publicMinutesPdfKey('c', 2), 'minutes/c/v2-public.pdf'],
    [inboundKey('0000abc'), 'inbound/0000abc'],
  ])('%s', (built, expected) => {
    expect(built).toBe(expected);
  });

  it('builds every key under one of the prefixes', () => {
    const built = [
      packKey('c', 'members'),
      paperKey('c', 1, 'x'),
      paperUploadKey('c', 1, 'x'),
      minutesUploadPrefix('c'),
      minutesDraftKey('c', 'd'),
      publicMinutesKey('c', 1),
      inboundKey('m'),
    ];
    for (const key of built) expect(Object.values(PREFIXES).filter((prefix) => key.startsWith(prefix))).toHaveLength(1);
  });

  it('keeps what a presigned POST may write apart from the checked papers the app serves', () => {
    expect(paperUploadKey('c', 1, 'paper-x').startsWith(PREFIXES.papers)).toBe(false);
    expect(checkedPaperKey('c', 1, 'paper-x', 'ab', 'pdf').startsWith(PREFIXES.paperUploads)).toBe(false);
  });
});

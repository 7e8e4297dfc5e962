import type { WorkingCalendar } from '../../functions/shared/domain/calendar';
import { SUPPORTED_YEARS } from '../../functions/shared/domain/timeline';

/** When one run happens: the virtual moment it starts, its meeting date, and the date the meeting moves to. */
export interface RunDates {
  start: Date;
  meetingDate: string;
  movedTo: string;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Weeks of virtual time one run may use: start to meeting (5), the move (1), minutes, chases, follow-up (a baseline uses about 7). */
export const RUN_WEEKS = 8;

const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/**
 * Hands out the runs' dates. The virtual clock only moves forward and meetings can be planned only in
 * a bounded range of years, so runs follow each other; each gets a window of RUN_WEEKS starting on a
 * Wednesday with no bank holiday in it, so every run has the same working days as the baseline and only
 * the dates in its emails differ (the comparison ignores those).
 */
export class RunCalendar {
  private next: number;

  /** `calendar`: the runs' boards' (DEFAULT_HOLIDAYS). `first` must be a Wednesday. */
  constructor(
    private readonly calendar: WorkingCalendar,
    first = new Date('2011-01-05T09:00:00Z'),
  ) {
    if (first.getUTCDay() !== 3) throw new Error(`Runs start on a Wednesday, not ${first.toISOString()}.`);
    this.next = first.getTime();
  }

  /**
   * The dates of the next run, starting after `notBefore` (a run that ran long pushes the next one on):
   * the meeting five weeks after its start, moved one week later.
   */
  take(notBefore?: Date): RunDates {
    while (notBefore && this.next <= notBefore.getTime()) this.next += WEEK_MS;
    for (;;) {
      const start = this.next;
      this.next += RUN_WEEKS * WEEK_MS;
      const holiday = Array.from({ length: RUN_WEEKS * 7 }, (_, i) => isoDay(start + i * DAY_MS)).find((day) => this.calendar.holidayOn(day));
      if (holiday) {
        // Start again on the Wednesday after the holiday.
        this.next = Date.parse(`${holiday}T09:00:00Z`) + DAY_MS;
        while (new Date(this.next).getUTCDay() !== 3) this.next += DAY_MS;
        continue;
      }
      const movedTo = isoDay(start + 6 * WEEK_MS);
      if (Number(movedTo.slice(0, 4)) > SUPPORTED_YEARS.last)
        throw new Error(`No more runs fit before the end of ${SUPPORTED_YEARS.last}, the last year meetings can be planned in.`);
      return { start: new Date(start), meetingDate: isoDay(start + 5 * WEEK_MS), movedTo };
    }
  }
}

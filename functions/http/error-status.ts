import {
  AlreadyExistsError,
  LimitReachedError,
  NotFoundError,
  NotWaitingError,
  PaperTooLargeError,
  RetryableError,
  StaleVersionError,
  UploadRejectedError,
  ValidationError,
} from '../shared/domain/errors';

/** Domain errors to status codes and page titles, in one table. */
const ERROR_PAGES: [new (...args: never[]) => Error, number, string][] = [
  [ValidationError, 422, 'Please check what you entered'],
  [PaperTooLargeError, 413, 'The file is too large'],
  [UploadRejectedError, 415, 'The file was not accepted'],
  [LimitReachedError, 429, 'That is the most this link allows'],
  [NotWaitingError, 409, 'This has already been answered'],
  [StaleVersionError, 409, 'Someone else saved first'],
  [RetryableError, 503, 'Please try again in a minute'],
  [AlreadyExistsError, 409, 'This already exists'],
  [NotFoundError, 404, 'Not found'],
];

/** The status and page title of a domain error a person can act on; undefined for anything else. */
export function errorStatus(err: unknown): { status: number; title: string } | undefined {
  const found = ERROR_PAGES.find(([type]) => err instanceof type);
  return found ? { status: found[1], title: found[2] } : undefined;
}

import type { LocalCloud } from '../../local/cloud';
import { appLinks } from '../../local/people';

/** The first app link of the latest email of `kind`, or '' when none was sent. */
export function latestLink(cloud: LocalCloud, kind: string): string {
  const email = cloud.mail
    .emails()
    .filter((e) => e.kind === kind)
    .at(-1);
  return appLinks(email?.text ?? '', cloud.appUrl)[0] ?? '';
}

/** A member's address status, from bounces and complaints. */
export interface MailStatus {
  state: 'bouncing' | 'complained' | 'suppressed';
  /** In words, from SES's report. */
  reason: string;
  /** When SES reported it. */
  at: string;
  /** Transient bounces counted in a row (`bouncing`); the address is suppressed at TRANSIENT_BOUNCE_LIMIT. */
  transientBounces?: number;
  /** The EventBridge event that set this status: a redelivery of it changes nothing. */
  lastEvent?: string;
}

/** True when nothing may be sent to the member's address until it changes. */
export function mailStopped(member: { mailStatus?: MailStatus }): boolean {
  return member.mailStatus?.state === 'suppressed' || member.mailStatus?.state === 'complained';
}

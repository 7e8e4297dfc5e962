/*
 * The minutes PDF, loaded with pdf-lib and fontkit on first call: a chair's answer found already recorded
 * ends the approval request before any PDF is drawn, so it never loads them.
 */

/** {@link import('./minutes-pdf').minutesPdf}, loaded on first call. */
export async function minutesPdf(input: { title: string; text: string; approvalStatement: string }): Promise<Uint8Array> {
  return (await import('./minutes-pdf')).minutesPdf(input);
}

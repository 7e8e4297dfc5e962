import type { ParsedMail } from 'mailparser';

/*
 * mailparser (with iconv-lite and libmime, half a megabyte) loaded on first call: mail that is not a reply
 * to one of our addresses, fails authentication or names an unknown address is dropped before it is read.
 */

/**
 * A received message read with mailparser, loaded on first call, without the work a reply's reader never
 * uses: no HTML made from the text, no links found in it, no images inlined.
 */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
}

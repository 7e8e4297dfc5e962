import type { Block } from './layout';

/** The interests links of a circulation email (functions/shared/services/interests-circulation.ts). */
export interface InterestLinks {
  /** Our link to declare an interest in an item of the meeting. */
  declareUrl?: string;
  /** Our link to check and confirm the member's register, when its yearly confirmation is due. */
  registerUrl?: string;
}

/** The line an agenda item carries in place of its papers, for a member with a prejudicial interest in it. */
export const WITHHELD_LINE = 'Papers withheld: you declared an interest in this confidential item. Ask the secretariat if you need them.';

/** The circulation email's interests paragraphs: declare by link, and confirm the register when it is due. */
export function interestBlocks(links: InterestLinks | undefined): Block[] {
  if (!links) return [];
  const blocks: Block[] = [];
  if (links.declareUrl !== undefined) {
    blocks.push(
      { type: 'paragraph', text: 'If you have an interest in any item, please declare it before the meeting.' },
      { type: 'button', label: 'Declare an interest', url: links.declareUrl },
    );
  }
  if (links.registerUrl !== undefined) {
    blocks.push(
      { type: 'paragraph', text: 'Your register of interests is due its yearly check: please confirm it, or update it.' },
      { type: 'button', label: 'Confirm your register of interests', url: links.registerUrl },
    );
  }
  return blocks;
}

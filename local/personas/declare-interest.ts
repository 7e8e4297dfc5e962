import { DECLARE_BUTTON } from '../../functions/http/links/declare-interest/page';
import { follow, submit } from '../people';
import type { Persona } from './context';

/**
 * The member named in `declareInterest` declares an interest in the item whose title contains its
 * `item`, from the "Declare an interest" button of their circulation email (the main one only has it).
 */
export const declareInterest: Persona = async (email, { opts, who, expectOk, did }) => {
  const wanted = opts.declareInterest;
  if (!wanted || email.to[0] !== wanted.email) return;
  // The plain text gives each button's address on the line after its label.
  const link = /Declare an interest:\r?\n(\S+)/.exec(email.text)?.[1];
  if (!link) return;
  const page = await follow(link);
  expectOk(page, 'Opening the declaration page');
  const number = new RegExp(`Item (\\d+)\\. [^<]*${wanted.item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(page.html)?.[1];
  if (!number) throw new Error(`${who} found no item "${wanted.item}" on the declaration page`);
  const fields = {
    [`kind-${number}`]: wanted.kind,
    [`description-${number}`]: wanted.description,
    ...(wanted.prejudicial ? { [`prejudicial-${number}`]: 'yes' } : {}),
  };
  expectOk(await submit(page, DECLARE_BUTTON, fields), 'Declaring an interest');
  did(`${who} declared an interest in item ${number}`);
};

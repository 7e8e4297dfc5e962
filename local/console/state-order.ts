import fs from 'node:fs';
import { ASL_PATH } from '../runtime/asl';

/** The ASL's states in the order a cycle passes them (from StartAt along Next/Default), for display. */
export const ASL_STATE_ORDER: string[] = (() => {
  const def = JSON.parse(fs.readFileSync(ASL_PATH, 'utf8')) as {
    StartAt: string;
    States: Record<string, { Next?: string; Default?: string; Choices?: { Next: string }[] }>;
  };
  const order: string[] = [];
  const visit = (name: string | undefined): void => {
    if (!name || order.includes(name) || !def.States[name]) return;
    order.push(name);
    const s = def.States[name];
    // A Choice's Default is the usual way on (a new cycle plans its timeline); its rules are detours.
    visit(s.Next ?? s.Default);
    for (const choice of s.Choices ?? []) visit(choice.Next);
  };
  visit(def.StartAt);
  for (const name of Object.keys(def.States)) if (!order.includes(name)) order.push(name);
  return order;
})();

import type { Attendance, Member } from './types';

export interface QuorumForecast {
  /** Members who count towards the quorum: the chair and members (not officers or the secretariat). */
  voting: number;
  /** Voting members who sent apologies, with their substitute if they named one. */
  apologies: { memberId: string; name: string; substitute?: string }[];
  /** Voting members expected: those without apologies, plus substitutes. */
  expected: number;
  quorum: number;
  atRisk: boolean;
}

/**
 * How many voting members the meeting can expect, from the apologies received. A named substitute
 * counts as attending, as most boards' standing orders allow.
 */
export function quorumForecast(members: readonly Member[], attendance: readonly Attendance[], quorum: number): QuorumForecast {
  const voting = members.filter((m) => m.roles.includes('chair') || m.roles.includes('member'));
  const latest = new Map(attendance.map((a) => [a.memberId, a]));
  const apologies = voting.flatMap((m) => {
    const a = latest.get(m.memberId);
    return a?.status === 'apologies' ? [{ memberId: m.memberId, name: m.name, ...(a.substitute ? { substitute: a.substitute } : {}) }] : [];
  });
  const expected = voting.length - apologies.filter((a) => !a.substitute).length;
  return { voting: voting.length, apologies, expected, quorum, atRisk: expected < quorum };
}

import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;

beforeAll(async () => {
  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', uploadAfterCirculation: 1, changeRounds: 0 });
});

const kind = (k: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === k);

describe('a paper that arrives after the papers went out', () => {
  it('is marked late and goes out in one supplementary circulation to every member, saying what changed', async () => {
    const papers = await cloud().deps.cycles.listPapers(result.cycle.cycleId);
    expect(papers.filter((p) => p.late)).toHaveLength(1);
    const circulations = kind('circulation');
    const supplementary = circulations.filter((e) => e.subject.startsWith('Supplementary papers'));
    expect(circulations).toHaveLength(18);
    expect(supplementary).toHaveLength(9);
    const late = papers.find((p) => p.late);
    expect(supplementary[0]?.text).toContain(`Paper for item ${late?.itemNumber}`);
    expect(supplementary[0]?.text).toContain('This paper arrived after the papers went out.');
    expect(kind('papers-not-received')).toHaveLength(1);
  });

  it('rebuilds the board pack to include it', () => {
    // Cover, agenda and both one-page papers: the first pack had only one.
    expect(result.cycle.packs?.members.pages).toBe(4);
    expect(result.statesVisited).toContain('SendSupplementaryCirculation');
    expect(result.status).toBe('SUCCEEDED');
  });
});

import path from 'node:path';

/**
 * Where a running local cloud says how to reach it, for `npx cycle`. MEETING_CYCLE_LOCAL_STATE moves it
 * (tests use their own, so they never touch a developer's running `npm start`).
 */
export const localStateFile = (): string => process.env.MEETING_CYCLE_LOCAL_STATE ?? path.join(__dirname, '..', '.local-data', 'local-cloud.json');

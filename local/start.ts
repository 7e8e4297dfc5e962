import { startLocalCloud } from './cloud';

/**
 * `npm start`: the local cloud with the demo board, until Ctrl-C. Everything lives in memory: a restart
 * begins afresh.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4300);
  console.log('Starting the local cloud (DynamoDB Local, S3, mail capture, Step Functions runner)…');
  const started = Date.now();
  const cloud = await startLocalCloud({ port, seed: true, writeStateFile: true });
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.

  Console  ${cloud.appUrl}/console   sign in ("Sign in as" the secretariat, the chair or the admin), start a cycle, advance the clock
  Mailbox  ${cloud.appUrl}/mailbox   every email sent, with working links (and a Reply box where a reply counts)

  From another terminal:  npx cycle status   ·   npx cycle clock advance   ·   npx cycle --help
  Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: Error) => {
  console.error(`Could not start the local cloud: ${err.message}`);
  if (/EADDRINUSE/.test(err.message)) console.error('Another program uses that port: set PORT=<free port> and try again.');
  process.exit(1);
});

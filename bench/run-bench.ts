/**
 * Runs a bench's `main` and exits: 0 when it finished, 1 with the error's stack when it threw. The exit is
 * explicit because the local cloud's emulators may keep handles open after `stop()`.
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}

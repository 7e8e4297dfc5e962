import { lazyPort, lazySendOnce, type MethodNames } from '../../functions/shared/runtime/lazy-port';

interface Greeter {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}

const GREETER_METHODS = { greet: true, count: true } as const satisfies MethodNames<Greeter>;

/** An adapter with state behind `this`, as the real ones have (a client, a bucket). */
class LoudGreeter implements Greeter {
  private calls = 0;
  async greet(name: string): Promise<string> {
    this.calls++;
    return `HELLO ${name.toUpperCase()}`;
  }
  async count(): Promise<number> {
    return this.calls;
  }
}

/** A loader that counts its loads and resolves when told, like an `import()` still reading its chunk. */
function loader(make: () => Greeter = () => new LoudGreeter()) {
  const state = { loads: 0, fail: undefined as Error | undefined };
  const load = async (): Promise<Greeter> => {
    state.loads++;
    await Promise.resolve();
    if (state.fail) throw state.fail;
    return make();
  };
  return { state, load };
}

describe('lazyPort', () => {
  it('loads nothing until a method is first called, then once, calling the adapter as itself', async () => {
    const { state, load } = loader();
    const port = lazyPort<Greeter>(load, GREETER_METHODS);
    expect(state.loads).toBe(0);
    expect(Object.keys(port).sort()).toEqual(['count', 'greet']);

    await expect(port.greet('ada')).resolves.toBe('HELLO ADA');
    await expect(port.greet('grace')).resolves.toBe('HELLO GRACE');
    await expect(port.count()).resolves.toBe(2);
    expect(state.loads).toBe(1);
  });

  it('loads once for concurrent first calls', async () => {
    const { state, load } = loader();
    const port = lazyPort<Greeter>(load, GREETER_METHODS);
    const answers = await Promise.all([port.greet('a'), port.greet('b'), port.count()]);
    expect(answers.slice(0, 2)).toEqual(['HELLO A', 'HELLO B']);
    expect(state.loads).toBe(1);
    await expect(port.count()).resolves.toBe(2);
  });

  it('passes a failed load to every waiting call, and loads afresh on the next call', async () => {
    const { state, load } = loader();
    state.fail = new Error('chunk missing');
    const port = lazyPort<Greeter>(load, GREETER_METHODS);
    const first = await Promise.allSettled([port.greet('a'), port.count()]);
    expect(first.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.status))).toEqual(['chunk missing', 'chunk missing']);
    expect(state.loads).toBe(1);

    state.fail = undefined;
    await expect(port.greet('a')).resolves.toBe('HELLO A');
    expect(state.loads).toBe(2);
  });

  it("passes on the adapter's own errors unchanged, without loading again", async () => {
    class Refusal extends Error {
      override name = 'Refusal';
    }
    const { state, load } = loader(() => ({
      greet: () => Promise.reject(new Refusal('no')),
      count: async () => 0,
    }));
    const port = lazyPort<Greeter>(load, GREETER_METHODS);
    await expect(port.greet('a')).rejects.toBeInstanceOf(Refusal);
    await expect(port.count()).resolves.toBe(0);
    expect(state.loads).toBe(1);
  });

  it('fails to compile when the list of methods leaves one out', () => {
    // @ts-expect-error `count` is missing: the port would lack it at run time.
    const missing = { greet: true } as const satisfies MethodNames<Greeter>;
    expect(missing).toEqual({ greet: true });
  });
});

describe('lazySendOnce', () => {
  it('loads nothing until the first send or `holds`, then once, passing each call to the loaded send-once', async () => {
    const sent: string[] = [];
    let loads = 0;
    const real = Object.assign(async (key: string) => (sent.push(key), { sent: true, messageId: `m-${key}` }), {
      holds: async (key: string) => sent.includes(key),
    });
    const sendOnce = lazySendOnce(async () => (loads++, real));
    expect(loads).toBe(0);

    await expect(Promise.all([sendOnce('a', { to: ['x@example.org'], subject: 's', text: 't', kind: 'k' } as never), sendOnce.holds('a')])).resolves.toEqual([
      { sent: true, messageId: 'm-a' },
      expect.any(Boolean),
    ]);
    await expect(sendOnce.holds('a')).resolves.toBe(true);
    await expect(sendOnce.holds('b')).resolves.toBe(false);
    expect(loads).toBe(1);
  });

  it('loads afresh after a failed load', async () => {
    let fail = true;
    const sendOnce = lazySendOnce(async () => {
      if (fail) throw new Error('chunk missing');
      return Object.assign(async () => ({ sent: false }), { holds: async () => true });
    });
    await expect(sendOnce.holds('a')).rejects.toThrow('chunk missing');
    fail = false;
    await expect(sendOnce.holds('a')).resolves.toBe(true);
  });
});

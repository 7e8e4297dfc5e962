import net from 'node:net';

// Unit tests never touch the network: any socket they open fails the test loudly.
const refuse = (): never => {
  throw new Error('Unit tests must not open network connections: use an in-memory fake of the port.');
};
beforeAll(() => {
  jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse);
});
afterAll(() => {
  jest.restoreAllMocks();
});

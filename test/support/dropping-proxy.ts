import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** An HTTP response the proxy kept from its client. */
export interface DroppedResponse {
  status: number;
  body: string;
}

/**
 * A TCP proxy on 127.0.0.1 that forwards each request to the target whole but cuts the client
 * off as soon as the answer starts: the network dropping mid-sync, after the server acted. It
 * reads the answer the client never got, so a test can compare it with what a retry gets.
 */
export async function startDroppingProxy(targetPort: number) {
  const dropped: DroppedResponse[] = [];
  const waiting: ((response: DroppedResponse) => void)[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Resets are the point of this proxy, not failures of it.
    socket.on('error', () => undefined);
  };

  const server = createServer((client) => {
    track(client);
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream);
    let raw = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      client.destroy();
      raw = Buffer.concat([raw, chunk]);
      const response = parseResponse(raw);
      if (response === undefined) return;
      upstream.destroy();
      const waiter = waiting.shift();
      if (waiter === undefined) dropped.push(response);
      else waiter(response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    base: `http://127.0.0.1:${port}`,
    /** The next response the proxy kept from its client, once the target has sent all of it. */
    droppedResponse(): Promise<DroppedResponse> {
      const ready = dropped.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A complete HTTP/1.1 response (Content-Length or chunked), or undefined while it is not. */
function parseResponse(raw: Buffer): DroppedResponse | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = raw.subarray(0, headEnd).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  const rest = raw.subarray(headEnd + 4);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  if (length !== undefined) {
    const size = Number(length);
    return rest.length < size ? undefined : { status, body: rest.subarray(0, size).toString() };
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    throw new Error(`a response with neither length nor chunks: ${head}`);
  }
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return { status, body: Buffer.concat(parts).toString() };
    const start = lineEnd + 2;
    if (rest.length < start + size + 2) return undefined;
    parts.push(rest.subarray(start, start + size));
    at = start + size + 2;
  }
}

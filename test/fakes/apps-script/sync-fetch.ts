import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** A finished HTTP exchange, or why none happened. */
export type SyncFetchResult =
  { status: number; body: string; headers: Record<string, string> } | { error: string };

// The worker does the fetch with Node's own fetch and wakes the waiting thread when done.
const workerSource = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ url, init, port, signal }) => {
  const flag = new Int32Array(signal);
  let result;
  try {
    const res = await fetch(url, init);
    result = { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  } catch (error) {
    result = { error: String(error && error.cause ? error.cause.code || error.cause.message : error) };
  }
  port.postMessage(result);
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/**
 * Blocking HTTP for the UrlFetchApp fake: UrlFetchApp.fetch returns its answer, it does not give
 * a promise, and the add-on's code relies on that. A worker thread does the request while this
 * thread sleeps in Atomics.wait; the answer comes back through a MessagePort read synchronously
 * with receiveMessageOnPort. One worker serves every call (no process per request, unlike
 * execFileSync of a fetch script), and the answer's size is not bounded by a shared buffer.
 * The server must run in another process: this thread cannot answer while it waits.
 */
export class SyncFetcher {
  private readonly worker = new Worker(workerSource, { eval: true });

  constructor() {
    this.worker.unref();
  }

  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
    timeoutMs = 60_000,
  ): SyncFetchResult {
    const signal = new SharedArrayBuffer(4);
    const flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ url, init, port: port2, signal }, [port2]);
    const waited = Atomics.wait(flag, 0, 0, timeoutMs);
    const message = receiveMessageOnPort(port1);
    port1.close();
    if (waited === 'timed-out' || message === undefined) return { error: 'Timeout' };
    return message.message as SyncFetchResult;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

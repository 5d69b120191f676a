import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { unreadableRequest } from './http/unreadable-request';

export type NodeServer = Server;

/**
 * Starts an HTTP server for `fetch` on `port` and `hostname`, and resolves once it listens. A
 * request no URL can be made of is answered in the error shape (see `unreadableRequest`). A
 * port in use, a port it may not use or an address not of this machine rejects with a message in
 * Chinese and English that names PORT or HOST, rather than an unhandled 'error' event.
 * @example const server = await listen(app.fetch, 8787, '127.0.0.1');
 */
export function listen(
  fetch: Parameters<typeof getRequestListener>[0],
  port: number,
  hostname: string,
): Promise<NodeServer> {
  // A listener per request, so that a request the app never sees (a malformed Host header) is
  // still answered in its sender's language: the error handler is given the error alone.
  const server = createServer((incoming, outgoing) => {
    void getRequestListener(fetch, {
      hostname,
      errorHandler: (error) => unreadableRequest(error, incoming),
    })(incoming, outgoing);
  });
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      server.close();
      reject(new Error(listenProblem(error, port, hostname)));
    };
    server.once('error', failed);
    server.listen(port, hostname, () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}

function listenProblem(error: Error, port: number, host: string): string {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
  switch (code) {
    case 'EADDRINUSE':
      return `PORT: 端口 ${port} 在 ${host} 上已被占用，请停止占用它的程序或换一个 PORT / port ${port} is already in use on ${host}; stop what uses it or set another PORT`;
    case 'EACCES':
      return `PORT: 无权监听端口 ${port}（1024 以下的端口需要特权），请换一个 PORT / not allowed to listen on port ${port} (ports below 1024 need privileges); set another PORT`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `HOST: "${host}" 不是本机的地址，无法监听 / cannot listen on "${host}": not an address of this machine (e.g. 127.0.0.1 or 0.0.0.0)`;
    default:
      return `PORT、HOST: 无法在 ${host}:${port} 上监听（${code}） / cannot listen on ${host}:${port} (${code}); check PORT and HOST`;
  }
}

import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { AppEnv } from './context';

/**
 * A pull-driven body: the next page is read only when the client has taken the last one. A read
 * that fails partway cuts the connection, so the client sees a broken transfer rather than a
 * file that looks complete; the log gets the request id and the error's name only.
 * @example return c.body(textStream(c, csvLines()), 200, { 'Content-Type': 'text/csv' });
 */
export function textStream(
  c: Context<AppEnv>,
  chunks: AsyncGenerator<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { requestId } = c.get('info');
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<string>;
      try {
        next = await chunks.next();
      } catch (error) {
        // Only the error's name: a database's message may name files or quote stored values.
        console.error(
          `[${requestId}] streamed response failed: ${error instanceof Error ? error.name : 'error'}`,
        );
        abort(c, controller);
        return;
      }
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

function abort(c: Context<AppEnv>, controller: ReadableStreamDefaultController<Uint8Array>): void {
  // Note: an errored body would make @hono/node-server log its stack and then end the response
  // properly, with the error's message as the last line. Destroying the response instead closes
  // the connection before the chunked body's terminating chunk, which clients report as a failed
  // transfer; the server then cancels the body. Without a Node response (`app.request`), erroring
  // the body fails the reader the same way.
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing === undefined) controller.error(new Error('The response could not be completed.'));
  else outgoing.destroy();
}

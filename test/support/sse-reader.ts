/** One server-sent event block: its `event` and `data` fields, or a comment line. */
export interface SseBlock {
  event?: string;
  data?: string;
  comment?: string;
}

/**
 * Reads a `text/event-stream` body as it arrives, block by block, for tests that wait for an
 * event: `waitFor` polls what has come so far.
 */
export function readSse(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const blocks: SseBlock[] = [];
  let buffer = '';
  let ended = false;

  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        blocks.push(parse(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
  })()
    .catch(() => undefined)
    .finally(() => {
      ended = true;
    });

  return {
    blocks,
    /** Whether the server ended the stream (or it broke). */
    get ended() {
      return ended;
    },
    /** The first block so far that `matches`, waiting up to `ms` for it. */
    async waitFor(matches: (block: SseBlock) => boolean, ms = 5000): Promise<SseBlock> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = blocks.find(matches);
        if (found !== undefined) return found;
        if (ended) throw new Error(`the stream ended; got ${JSON.stringify(blocks)}`);
        if (Date.now() > deadline) throw new Error(`no such event; got ${JSON.stringify(blocks)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    /** Waits until the server has ended the stream. */
    async waitForEnd(ms = 5000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!ended) {
        if (Date.now() > deadline) throw new Error('the stream is still open');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    /** Hangs up, as a client that goes away. */
    async cancel(): Promise<void> {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

/** The checkpoint of a `changed` block, or undefined for any other block. */
export function changedCheckpoint(block: SseBlock): number | undefined {
  if (block.event !== 'changed' || block.data === undefined) return undefined;
  return (JSON.parse(block.data) as { checkpoint: number }).checkpoint;
}

function parse(text: string): SseBlock {
  const block: SseBlock = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) block.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) block.event = line.slice('event: '.length);
    else if (line.startsWith('data: ')) {
      const data = line.slice('data: '.length);
      block.data = block.data === undefined ? data : `${block.data}\n${data}`;
    }
  }
  return block;
}

import type { Mutation } from '../sync/push-request';

/**
 * The UTF-8 size of a string, without TextEncoder (Apps Script has none).
 * @example utf8Length('华信a') // 7
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one four-byte character.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** One push's worth of mutations with the request body that carries them. */
export interface PushChunk {
  mutations: Mutation[];
  body: string;
  bytes: number;
}

/**
 * Splits mutations into push requests of at most `maxRows` mutations and `maxBytes` of JSON,
 * each ready to send. A single mutation larger than the budget still goes, alone.
 * @example chunkMutations('sheet-1', mutations, 500, 4_000_000).length // 20 for 10,000 rows
 */
export function chunkMutations(
  clientId: string,
  mutations: readonly Mutation[],
  maxRows: number,
  maxBytes: number,
): PushChunk[] {
  const envelope = utf8Length(JSON.stringify({ clientId, mutations: [] }));
  const chunks: PushChunk[] = [];
  let current: string[] = [];
  let currentMutations: Mutation[] = [];
  let size = envelope;
  const close = () => {
    if (current.length === 0) return;
    const body = `{"clientId":${JSON.stringify(clientId)},"mutations":[${current.join(',')}]}`;
    chunks.push({ mutations: currentMutations, body, bytes: size });
    current = [];
    currentMutations = [];
    size = envelope;
  };
  for (const mutation of mutations) {
    const json = JSON.stringify(mutation);
    const bytes = utf8Length(json);
    if (current.length >= maxRows || (current.length > 0 && size + 1 + bytes > maxBytes)) close();
    size += (current.length > 0 ? 1 : 0) + bytes;
    current.push(json);
    currentMutations.push(mutation);
  }
  close();
  return chunks;
}

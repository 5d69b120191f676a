// Reading and writing blocks of an Excel sheet without passing Excel's request limit: a request
// or an answer over 5 MB is refused (RequestPayloadSizeLimitExceeded), so large blocks go in
// chunks of rows, one `context.sync()` each.
import type { ExcelValue, RequestContext, Worksheet } from './excel-api';

/** What a chunk aims at: well under the 5 MB Excel allows a request or an answer. */
export const chunkTargetBytes = 4 * 1024 * 1024;
/** Most queued commands per `context.sync()` when each is small (fills, row deletions). */
export const opsPerSync = 1_000;

/** The UTF-8 size of a value as JSON: the estimate of what it adds to a request. */
export function payloadBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Whether an error is Excel's refusal of a request over its payload limit. */
export function isPayloadTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'RequestPayloadSizeLimitExceeded'
  );
}

/** What a cell is taken to weigh in an answer before any row has been read. */
const firstGuessCellBytes = 160;

/**
 * Reads a block in chunks of rows, one sync each, so that no answer passes Excel's limit: the
 * chunk follows the size of the rows read so far, and a refused chunk is read again in halves.
 */
export async function readBlock(
  context: RequestContext,
  sheet: Worksheet,
  top: number,
  left: number,
  height: number,
  width: number,
  withFormulas: boolean,
): Promise<{ values: ExcelValue[][]; formulas: ExcelValue[][] }> {
  const values: ExcelValue[][] = [];
  const formulas: ExcelValue[][] = [];
  const factor = withFormulas ? 2 : 1;
  // A first guess on the safe side (Chinese text is 3 bytes a character in the JSON Excel
  // measures); the rows read correct it, so a refused first chunk is rare.
  let rowsPerChunk = Math.max(
    1,
    Math.floor(chunkTargetBytes / (width * firstGuessCellBytes * factor)),
  );
  let at = top;
  while (at < top + height) {
    const count = Math.min(rowsPerChunk, top + height - at);
    const range = sheet.getRangeByIndexes(at, left, count, width);
    range.load(withFormulas ? 'values,formulas' : 'values');
    try {
      await context.sync();
    } catch (error) {
      if (!isPayloadTooLarge(error) || count === 1) throw error;
      rowsPerChunk = Math.max(1, Math.floor(count / 2));
      continue;
    }
    values.push(...range.values);
    if (withFormulas) formulas.push(...range.formulas);
    const perRow = (payloadBytes(range.values) * factor) / count;
    rowsPerChunk = Math.max(1, Math.floor(chunkTargetBytes / Math.max(1, perRow)));
    at += count;
  }
  return { values, formulas };
}

/** Writes a block in chunks of rows that each stay under the target size, one sync each. */
export async function writeBlock(
  context: RequestContext,
  sheet: Worksheet,
  top: number,
  left: number,
  lines: readonly ExcelValue[][],
  width: number,
): Promise<void> {
  let start = 0;
  while (start < lines.length) {
    let end = start;
    let bytes = 2;
    while (end < lines.length) {
      const size = payloadBytes(lines[end]) + 1;
      if (end > start && bytes + size > chunkTargetBytes) break;
      bytes += size;
      end += 1;
    }
    sheet.getRangeByIndexes(top + start, left, end - start, width).values = lines.slice(start, end);
    await context.sync();
    start = end;
  }
}

import { createReadStream, realpathSync } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { pickLocale, type Locale } from '../../../shared/core/i18n/locale';
import type { MessageKey } from '../../../shared/core/i18n/messages';
import { t, type MessageParams } from '../../../shared/core/i18n/translate';
import { auditEntrySchema, type AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { keyIdOf } from '../audit/checkpoint-signer';
import { verifyChain } from '../audit/verify-chain';
import {
  checkPulledCheckpoints,
  checkpointsFileSchema,
  isFiltered,
  type PullScope,
} from './pulled-checkpoints';

/** What the CLI talks to; tests pass their own. */
export interface AuditCliIo {
  env?: Readonly<Record<string, string | undefined>>;
  out?: (line: string) => void;
  err?: (line: string) => void;
  locale?: Locale;
}

/** The files a pull writes: `audit.jsonl` → `audit.checkpoints.json`, `audit.public-key.pem`. */
export function companionFiles(log: string): { checkpoints: string; publicKey: string } {
  const base = log.endsWith('.jsonl') ? log.slice(0, -'.jsonl'.length) : log;
  return { checkpoints: `${base}.checkpoints.json`, publicKey: `${base}.public-key.pem` };
}

/**
 * `pull` downloads the log as JSONL with the signed checkpoints and the public key beside it;
 * `verify` checks a pulled file offline. Returns the exit code: 0 verified or pulled, 1 failed,
 * 2 bad arguments.
 */
export async function runAuditCli(argv: readonly string[], io: AuditCliIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const locale = io.locale ?? pickLocale((env.LC_ALL ?? env.LANG ?? '').replace('_', '-'));
  const cli: Cli = {
    env,
    say: (key, params) => t(key, locale, params),
    out: io.out ?? ((line) => process.stdout.write(`${line}\n`)),
    err: io.err ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  const [command, ...args] = argv;
  try {
    if (command === 'pull') return await pull(args, cli);
    if (command === 'verify') return await verifyFile(args, cli);
    cli.err(cli.say('auditCli.usage'));
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      cli.err(cli.say('auditCli.badArguments', { detail: error.message }));
      cli.err(cli.say('auditCli.usage'));
      return 2;
    }
    // The message only: a stack means nothing to an auditor, and no error carries the token.
    // What fails on the way is writing the pulled files: say so in the auditor's language.
    const path = fileOf(error);
    if (path !== undefined) {
      cli.err(cli.say('auditCli.writeFailed', { file: path, detail: fileProblem(error, cli) }));
    } else {
      cli.err(messageOf(error));
    }
    return 1;
  }
}

interface Cli {
  env: Readonly<Record<string, string | undefined>>;
  /** A message in the user's language. */
  say: (key: MessageKey, params?: MessageParams) => string;
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

function args<T extends Record<string, { type: 'string' }>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function pull(argv: string[], cli: Cli): Promise<number> {
  const str = { type: 'string' } as const;
  const { values } = args(argv, {
    server: str,
    token: str,
    out: str,
    from: str,
    to: str,
    actor: str,
    action: str,
    record: str,
  });
  if (values.server === undefined) throw new UsageError('--server');
  if (values.out === undefined) throw new UsageError('--out');
  const token = values.token ?? cli.env.CRM_TOKEN;
  if (token === undefined || token === '') {
    cli.err(cli.say('auditCli.missingToken'));
    return 2;
  }
  let server: URL;
  try {
    server = new URL(values.server);
  } catch {
    throw new UsageError(`--server ${values.server}`);
  }
  const query = new URLSearchParams({ format: 'jsonl' });
  const scope: PullScope = {};
  for (const name of ['from', 'to', 'actor', 'action', 'record'] as const) {
    const value = values[name];
    if (value === undefined) continue;
    query.set(name, value);
    scope[name] = value;
  }
  // Before asking the server anything: a pull that cannot be saved should not be made (or audited).
  const folder = dirname(resolve(values.out));
  if (!(await isFolder(folder))) {
    cli.err(cli.say('auditCli.noOutFolder', { folder }));
    return 1;
  }
  // The token goes in a header only: never into a URL, a file or a message.
  const get = (path: string) => fetchOrSay(new URL(path, server), token, cli);

  // Checkpoints first: each then covers entries the log below already holds, so a checkpoint
  // past the end of an unbounded pull proves that entries went missing.
  const checkpointsRes = await get('/v1/audit/checkpoints');
  if (checkpointsRes === undefined) return 1;
  const checkpoints = {
    ...checkpointsFileSchema.pick({ checkpoints: true }).parse(await checkpointsRes.json()),
    pull: scope,
  };

  const log = await get(`/v1/audit?${query.toString()}`);
  if (log === undefined) return 1;
  const count = await saveStream(log, values.out);
  if (count === undefined) {
    cli.err(cli.say('auditCli.interrupted', { url: server.origin }));
    return 1;
  }

  const files = companionFiles(values.out);
  await writeFile(files.checkpoints, `${JSON.stringify(checkpoints, null, 2)}\n`);
  const keyRes = await get('/v1/audit/public-key');
  if (keyRes === undefined) return 1;
  await writeFile(files.publicKey, await keyRes.text());

  cli.out(
    cli.say('auditCli.pulled', {
      count,
      file: values.out,
      checkpoints: checkpoints.checkpoints.length,
      checkpointsFile: files.checkpoints,
      keyFile: files.publicKey,
    }),
  );
  if (values.actor !== undefined || values.action !== undefined || values.record !== undefined) {
    cli.out(cli.say('auditCli.filteredPull'));
  }
  return 0;
}

async function fetchOrSay(url: URL, token: string, cli: Cli): Promise<Response | undefined> {
  const shown = `${url.origin}${url.pathname}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, 'User-Agent': 'crm-audit-cli' },
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    cli.err(
      cli.say('auditCli.unreachable', {
        url: shown,
        detail: cause instanceof Error ? cause.message : String(cause),
      }),
    );
    return undefined;
  }
  if (res.ok) return res;
  const body: unknown = await res.json().catch(() => undefined);
  const parsed = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
  const detail = parsed.success ? parsed.data.error.message : res.statusText;
  cli.err(cli.say('auditCli.httpError', { url: shown, status: res.status, detail }));
  return undefined;
}

/**
 * Streams a body into `file` through a `.part` file renamed at the end, so an interrupted pull
 * never leaves a file that looks complete. Returns the number of lines, or undefined on failure.
 */
async function saveStream(res: Response, file: string): Promise<number | undefined> {
  const part = `${file}.part`;
  const handle = await open(part, 'w');
  let lines = 0;
  try {
    if (res.body !== null) {
      for await (const chunk of res.body) {
        for (const byte of chunk) if (byte === 10) lines += 1;
        await handle.write(chunk);
      }
    }
  } catch {
    await handle.close();
    await rm(part, { force: true });
    return undefined;
  }
  await handle.close();
  await rename(part, file);
  return lines;
}

async function verifyFile(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = args(argv, {
    checkpoints: { type: 'string' },
    'public-key': { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('verify <file.jsonl>');
  const files = companionFiles(file);
  const checkpointsFile = values.checkpoints ?? files.checkpoints;
  const keyFile = values['public-key'] ?? files.publicKey;

  let publicKeyPem: string;
  let keyId: string;
  let companion: z.infer<typeof checkpointsFileSchema>;
  try {
    publicKeyPem = await readFile(keyFile, 'utf8');
    keyId = keyIdOf(publicKeyPem);
  } catch (error) {
    cli.err(cli.say('auditCli.readFailed', { file: keyFile, detail: fileProblem(error, cli) }));
    return 1;
  }
  try {
    companion = checkpointsFileSchema.parse(JSON.parse(await readFile(checkpointsFile, 'utf8')));
  } catch (error) {
    cli.err(
      cli.say('auditCli.readFailed', { file: checkpointsFile, detail: fileProblem(error, cli) }),
    );
    return 1;
  }

  const { checkpoints, pull: scope = {} } = companion;
  const wanted = new Set(checkpoints.map((cp) => cp.seq));
  const seen = new Map<number, string>();
  let first: number | undefined;
  let last = 0;
  let badLine: { line: number; seq: string } | undefined;
  const entries = async function* (): AsyncGenerator<AuditEntry> {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      const parsed = auditEntrySchema.safeParse(parseJson(text));
      if (!parsed.success) {
        badLine = { line, seq: first === undefined ? '?' : String(last + 1) };
        return;
      }
      yield parsed.data;
    }
  };
  let verdict: Awaited<ReturnType<typeof verifyChain>>;
  try {
    verdict = await verifyChain(entries(), {
      onEntry: (entry) => {
        first ??= entry.seq;
        last = entry.seq;
        if (wanted.has(entry.seq)) seen.set(entry.seq, entry.hash);
      },
    });
  } catch (error) {
    cli.err(cli.say('auditCli.readFailed', { file, detail: fileProblem(error, cli) }));
    return 1;
  }
  if (badLine !== undefined) {
    cli.err(cli.say('auditCli.badLine', { file, ...badLine }));
    return 1;
  }
  if (!verdict.ok) {
    const detail = cli.say(`audit.problem.${verdict.problem}` as const);
    cli.err(
      cli.say('auditCli.chainBroken', {
        file,
        seq: verdict.brokenAt,
        problem: verdict.problem,
        detail,
      }),
    );
    return 1;
  }
  if (first === undefined) {
    cli.err(cli.say('auditCli.empty', { file }));
    return 1;
  }

  // The chain starts at 1: a pull with no start time whose file starts later lost its head.
  if (first > 1 && scope.from === undefined && !isFiltered(scope)) {
    cli.err(cli.say('auditCli.headMissing', { first }));
    return 1;
  }
  const anchored = checkPulledCheckpoints({ checkpoints, scope, publicKeyPem, seen, first, last });
  if (!anchored.ok) {
    if (anchored.problem === 'bad_signature') {
      cli.err(cli.say('auditCli.checkpointSignature', { seq: anchored.seq }));
    } else if (anchored.problem === 'checkpoint_mismatch') {
      cli.err(cli.say('auditCli.checkpointMismatch', { seq: anchored.seq }));
    } else {
      cli.err(cli.say('auditCli.checkpointPastEnd', { seq: anchored.seq, last }));
    }
    return 1;
  }
  cli.out(
    cli.say('auditCli.verified', {
      file,
      count: verdict.checked,
      first,
      last,
      checkpoints: anchored.inFile.length,
      keyId,
    }),
  );
  const lastAnchored = anchored.inFile.at(-1)?.seq;
  if (lastAnchored === undefined) cli.out(cli.say('auditCli.noCheckpoint'));
  else if (lastAnchored < last) cli.out(cli.say('auditCli.unanchored', { seq: lastAnchored }));
  if (anchored.pastEnd > 0 && scope.to !== undefined) {
    cli.out(cli.say('auditCli.pastRangeEnd', { to: scope.to, count: anchored.pastEnd, last }));
  }
  return 0;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The file a file-system error names, if it is one. */
function fileOf(error: unknown): string | undefined {
  const path = (error as { path?: unknown } | null)?.path;
  return error instanceof Error && typeof path === 'string' ? path : undefined;
}

/** Why a file could not be read or written, in the auditor's language for the usual reasons. */
function fileProblem(error: unknown, cli: Cli): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return cli.say('auditCli.noSuchFile');
  if (code === 'EACCES' || code === 'EPERM') return cli.say('auditCli.noPermission');
  if (code === 'EISDIR') return cli.say('auditCli.isFolder');
  return messageOf(error);
}

// Run when started as a script (`npm run audit`), not when a test imports it.
if (isMainModule()) {
  void runAuditCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

function isMainModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';

/** The machine a benchmark ran on, as BENCHMARKS.md names it. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = Math.round(os.totalmem() / 1024 ** 3);
  return `${os.cpus().length} × ${cpu}, ${gib} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/**
 * Writes a benchmark's results into BENCHMARKS.md under its own heading, replacing the previous
 * results of the same benchmark and keeping the others.
 */
export function recordBenchmark(
  name: string,
  summary: string,
  rows: [string, string, string][],
): void {
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nRun with `npm run bench`.\n';
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    `## ${name}`,
    '',
    summary,
    '',
    `${date} · ${machine()}`,
    '',
    '| measure | result | target |',
    '|---|---|---|',
    ...rows.map(([m, r, target]) => `| ${m} | ${r} | ${target} |`),
    '',
  ].join('\n');
  const pattern = new RegExp(
    `## ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`,
  );
  const next = pattern.test(text)
    ? text.replace(pattern, section)
    : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

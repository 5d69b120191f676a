import { enterpriseTemplate } from '../shared/core/forms/default-templates';
import { validateSubmission } from '../shared/core/forms/validate-submission';
import { maskValue } from '../shared/core/masking/mask-kinds';
import { companyNameKey } from '../shared/core/normalise/company-name';
import { creditCodeCheckChar } from '../shared/core/validation/credit-code';
import { recordBenchmark } from './record';

// The server's push budget (10,000 rows/s with validation, dedupe, encryption and audit) leaves
// the shared validation only part of each row's time; this measures that part alone.
const rows = Number(process.argv[2] ?? 100_000);
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function row(i: number): Record<string, string | string[]> {
  const org = String(i).padStart(8, '0') + alphabet[i % alphabet.length];
  const first17 = `91310115${org}`;
  return {
    name: ` 上海华信${i}科技有限公司 `,
    creditCode: first17 + creditCodeCheckChar(first17),
    industry: 'manufacturing',
    region: '310115',
    stage: 'prospect',
    contactName: '张伟',
    mobile: `+86 138-${String(i % 10_000).padStart(4, '0')}-${String(i % 9_999).padStart(4, '0')}`,
    email: `user${i}@example.com`,
    demand: '需要采购10台工业机器人',
    expectedDate: '2025/6/1',
    sources: ['tradeShow'],
    owner: 'u-1',
  };
}

const input = Array.from({ length: rows }, (_, i) => row(i));
const heapBefore = process.memoryUsage().heapUsed;

let start = performance.now();
let valid = 0;
for (const r of input) if (validateSubmission(enterpriseTemplate, r, 'zh-CN').ok) valid += 1;
const validateMs = performance.now() - start;

start = performance.now();
for (const r of input) companyNameKey(r['name'] as string);
const keyMs = performance.now() - start;

start = performance.now();
let maskedChars = 0;
for (const r of input)
  maskedChars +=
    maskValue('mobile', '13812345678').length + maskValue('email', r['email'] as string).length;
const maskMs = performance.now() - start;

if (valid !== rows || maskedChars === 0)
  throw new Error(`expected every generated row to be valid, ${rows - valid} were not`);
const perSecond = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
recordBenchmark(
  'Shared validation (bench/validate.ts)',
  `${rows.toLocaleString('en')} generated enterprise submissions through the shared core, one thread.`,
  [
    [
      'validateSubmission (all rules, normalisation)',
      perSecond(validateMs),
      '≫ 10,000 rows/s (push budget)',
    ],
    ['companyNameKey', perSecond(keyMs), '—'],
    ['maskValue mobile + email', perSecond(maskMs), '—'],
    [
      'heap growth',
      `${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 ** 2)} MB`,
      '—',
    ],
  ],
);
console.log(
  `validate ${perSecond(validateMs)}, key ${perSecond(keyMs)}, mask ${perSecond(maskMs)}`,
);

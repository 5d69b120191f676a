import { build } from 'esbuild';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as core from '../shared/core/index';

// Apps Script runs our bundled core in V8 with none of Node's or the browser's globals. A bare
// vm context is that: no process, require, Buffer, TextEncoder, URL, structuredClone or timers.
let context: vm.Context;

beforeAll(async () => {
  const result = await build({
    entryPoints: ['shared/core/index.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'CrmCore',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  context = vm.createContext({});
  vm.runInContext(result.outputFiles[0]?.text ?? '', context);
});

// Runs an expression in the bare context and brings its value back as JSON.
const inV8 = (expression: string): unknown =>
  JSON.parse(vm.runInContext(`JSON.stringify(${expression})`, context) as string);

describe('shared/core in a bare V8 context (as in Apps Script)', () => {
  it('has none of the globals Apps Script lacks', () => {
    expect(
      inV8(
        '[typeof process, typeof require, typeof Buffer, typeof TextEncoder, typeof structuredClone]',
      ),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('validates a submission exactly as Node does', () => {
    const input = {
      name: '上海華信科技有限公司',
      mobile: '１３８-１２３４-５６７８',
      email: 'bad@',
      region: '310115',
    };
    const there = inV8(
      `CrmCore.validateSubmission(CrmCore.enterpriseTemplate, ${JSON.stringify(input)}, 'zh-CN')`,
    );
    expect(there).toEqual(core.validateSubmission(core.enterpriseTemplate, input, 'zh-CN'));
    expect(JSON.stringify(there)).toContain('邮箱格式错误');
  });

  it('finds half an emoji in text without String.prototype.isWellFormed', () => {
    const input = { name: '上海华信科技有限公司\uD83D', demand: '😀\uDE00' };
    const there = inV8(
      `CrmCore.validateSubmission(CrmCore.enterpriseTemplate, ${JSON.stringify(input)}, 'zh-CN')`,
    );
    expect(there).toEqual(core.validateSubmission(core.enterpriseTemplate, input, 'zh-CN'));
    expect(JSON.stringify(there).match(/text\.brokenCharacter/g)).toHaveLength(2);
  });

  it('normalises, converts Traditional Chinese and masks', () => {
    expect(inV8("CrmCore.companyNameKey('華信科技(上海)有限責任公司')")).toBe(
      core.companyNameKey('上海华信科技有限公司'),
    );
    expect(inV8("CrmCore.maskMobile('13812345678')")).toBe('138****5678');
    expect(inV8("CrmCore.parseIdNumber('11010519491231002X').ok")).toBe(true);
    expect(inV8("CrmCore.regionPath('310115').district.name")).toBe('浦东新区');
    expect(inV8("CrmCore.neutraliseFormula('=HYPERLINK(1)')")).toBe(
      core.neutraliseFormula('=HYPERLINK(1)'),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTag } from '../tags/tag-rules';
import { companyNameKey, parseCompanyName, tradeNameOf } from './company-name';
import { latinOrganisationForms } from './company-name-terms';
import { normaliseForCompare, normaliseText } from './normalise-text';

describe('companyNameKey', () => {
  it('gives one key for the ways people write the same Shanghai company', () => {
    const names = [
      '上海华信科技有限公司',
      '华信科技(上海)有限责任公司',
      '华信科技（上海）有限公司',
      ' 上海华信科技 股份有限公司 ',
      '上海市华信科技有限公司',
      '上海華信科技有限公司',
    ];
    expect(names.map(companyNameKey)).toEqual(names.map(() => '华信科技'));
  });

  it('leaves the region out, so the same trade name in another city has the same key', () => {
    // Decision: the region is often omitted or moved; the server compares cities separately.
    expect(companyNameKey('北京华信科技有限公司')).toBe(companyNameKey('上海华信科技有限公司'));
    expect(companyNameKey('华信科技有限公司')).toBe('华信科技');
    expect(companyNameKey('广东省深圳市华信科技有限公司')).toBe('华信科技');
    expect(companyNameKey('内蒙古自治区华信科技有限公司')).toBe('华信科技');
    expect(companyNameKey('广西华信科技有限公司')).toBe('华信科技');
    expect(companyNameKey('華信科技（廣東）有限公司')).toBe('华信科技');
    expect(companyNameKey('浦东新区华信科技有限公司')).toBe('华信科技');
  });

  it('keeps the industry, so one trade name in two trades stays two companies', () => {
    expect(companyNameKey('上海华信贸易有限公司')).toBe('华信贸易');
    expect(companyNameKey('上海华信贸易有限公司')).not.toBe(companyNameKey('上海华信科技有限公司'));
  });

  it('keeps 集团: the group is another legal person than its namesake company', () => {
    expect(companyNameKey('华信集团有限公司')).toBe('华信集团');
    expect(companyNameKey('华信有限公司')).toBe('华信');
    expect(companyNameKey('上海華信科技（集團）有限公司')).toBe(
      companyNameKey('华信科技集团有限公司'),
    );
  });

  it('compares latin letters without case, width or the bracketed city', () => {
    expect(companyNameKey('ABC科技（深圳）有限公司')).toBe('abc科技');
    expect(companyNameKey('abc科技有限公司')).toBe('abc科技');
    expect(companyNameKey('ＡＢＣ科技有限公司')).toBe('abc科技');
  });

  it('drops latin organisation forms only as whole words', () => {
    expect(companyNameKey('Apple Inc.')).toBe('apple');
    expect(companyNameKey('APPLE INC')).toBe('apple');
    expect(companyNameKey('ABC Co., Ltd.')).toBe('abc');
    expect(companyNameKey('ABC Company Limited')).toBe('abc');
    expect(companyNameKey('Zinc Tech Ltd')).toBe('zinctech');
  });

  it('keeps a branch apart from its company, and its label comparable', () => {
    const branch = companyNameKey('上海华信科技有限公司北京分公司');
    expect(branch).toBe('华信科技(北京)分公司');
    expect(branch).not.toBe(companyNameKey('上海华信科技有限公司'));
    expect(companyNameKey('华信科技有限公司北京市分公司')).toBe(branch);
    expect(companyNameKey('华信科技(北京)分公司')).toBe(branch);
    expect(companyNameKey('华信科技有限公司上海分公司')).not.toBe(branch);
    expect(companyNameKey('中国工商银行股份有限公司北京市朝阳支行')).toBe(
      '中国工商银行(北京朝阳)支行',
    );
    expect(companyNameKey('招商银行股份有限公司上海分行')).toBe(companyNameKey('招商银行上海分行'));
  });

  it('keeps the region of a name that is only a region and a form, rather than nothing', () => {
    expect(companyNameKey('上海市有限公司')).toBe('上海市');
    expect(companyNameKey('（上海）有限公司')).toBe('上海');
    expect(companyNameKey('内蒙古自治区股份有限公司')).toBe('内蒙古自治区');
    expect(companyNameKey('有限公司')).toBe('有限公司');
  });

  it('normalises the names of individuals', () => {
    expect(companyNameKey(' 张　三 ')).toBe('张三');
    expect(companyNameKey('欧阳娜娜')).toBe('欧阳娜娜');
    expect(companyNameKey('Zhang San')).toBe('zhangsan');
  });

  it('reads a Traditional branch word deep inside an otherwise Simplified name', () => {
    expect(companyNameKey('华信科技有限公司上海營業部')).toBe('华信科技(上海)营业部');
  });

  it('reads ASCII square and curly brackets as brackets', () => {
    expect(companyNameKey('华信[集团]有限公司')).toBe('华信集团');
    expect(companyNameKey('华信{科技}有限公司')).toBe('华信科技');
    expect(companyNameKey('[上海]华信科技有限公司')).toBe('华信科技');
  });

  it('counts a trade name in characters once lower-cased', () => {
    // İ lower-cases to i and a combining dot: two characters, enough for a trade name.
    expect(parseCompanyName('İ科技有限公司')).toEqual({
      tradeName: 'İ',
      industry: '科技',
      form: '有限公司',
    });
    expect(parseCompanyName('A科技有限公司')).toEqual({ tradeName: 'A科技', form: '有限公司' });
  });
});

describe('parseCompanyName', () => {
  it('splits the four legal parts', () => {
    expect(parseCompanyName('深圳市腾讯计算机系统有限公司')).toEqual({
      region: '深圳',
      tradeName: '腾讯',
      industry: '计算机系统',
      form: '有限公司',
    });
    expect(parseCompanyName('華信科技（上海）股份有限公司')).toEqual({
      region: '上海',
      tradeName: '华信',
      industry: '科技',
      form: '股份有限公司',
    });
  });

  it('knows the forms of partnerships and the (中国) of foreign-invested companies', () => {
    expect(parseCompanyName('北京红杉投资合伙企业（有限合伙）')).toEqual({
      region: '北京',
      tradeName: '红杉',
      industry: '投资',
      form: '合伙企业(有限合伙)',
    });
    expect(parseCompanyName('阿里巴巴(中国)网络技术有限公司')).toMatchObject({
      region: '中国',
      tradeName: '阿里巴巴',
      industry: '网络技术',
    });
  });

  it('does not take a trade name for a region when nothing would be left of it', () => {
    expect(parseCompanyName('黄山科技有限公司')).toEqual({
      tradeName: '黄山',
      industry: '科技',
      form: '有限公司',
    });
    expect(parseCompanyName('安徽黄山旅游发展股份有限公司')).toMatchObject({
      region: '安徽',
      tradeName: '黄山',
      industry: '旅游发展',
    });
    expect(parseCompanyName('金华信科技有限公司').tradeName).toBe('金华信');
    expect(parseCompanyName('大同证券有限责任公司').tradeName).toBe('大同');
    expect(parseCompanyName('朝阳华信科技有限公司').tradeName).toBe('朝阳华信');
  });

  it('names the branch', () => {
    expect(parseCompanyName('上海华信科技有限公司北京分公司')).toEqual({
      region: '上海',
      tradeName: '华信',
      industry: '科技',
      form: '有限公司',
      branch: '北京分公司',
    });
  });
});

describe('tradeNameOf', () => {
  it('returns the 字号 alone, in comparison form', () => {
    expect(tradeNameOf('深圳市腾讯计算机系统有限公司')).toBe('腾讯');
    expect(tradeNameOf('上海华信网络科技有限公司')).toBe('华信');
    expect(tradeNameOf('ABC Technology Co., Ltd.')).toBe('abctechnology');
  });
});

// Parts a generated Chinese company name is made of. The trade names include words that are
// also region names (黄山, 金华) or start like one, which is where the parser has to be careful.
const regions = [
  '上海',
  '上海市',
  '广东',
  '广东省',
  '深圳市',
  '内蒙古自治区',
  '浦东新区',
  '昆山市',
  '中国',
];
const tradeNames = [
  '华信',
  '腾讯',
  '字节跳动',
  '黄山',
  '金华信',
  '阿里巴巴',
  'ABC',
  'Tom Cat',
  '華信',
  '长城',
];
const industries = ['', '科技', '信息技术', '贸易', '网络科技', '集团', '投资', '電子', '技术服务'];
const forms = [
  '',
  '有限公司',
  '有限责任公司',
  '股份有限公司',
  '合伙企业(有限合伙)',
  '公司',
  '集团有限公司',
];
const branches = ['', '北京分公司', '北京市朝阳支行', '第一营业部'];

const companyName = fc
  .record({
    region: fc.constantFrom(...regions),
    placement: fc.constantFrom('start', 'brackets', 'full-width brackets', 'none'),
    tradeName: fc.constantFrom(...tradeNames),
    industry: fc.constantFrom(...industries),
    form: fc.constantFrom(...forms),
    branch: fc.constantFrom(...branches),
  })
  .map(({ region, placement, tradeName, industry, form, branch }) => {
    const body = tradeName + industry;
    const named =
      placement === 'start'
        ? region + body
        : placement === 'brackets'
          ? `${body}(${region})`
          : placement === 'full-width brackets'
            ? `${body}（${region}）`
            : body;
    return named + form + branch;
  });

const withSpaces = (name: string, at: readonly number[]): string => {
  const chars = [...name];
  for (const i of [...at].sort((a, b) => b - a)) chars.splice(i % (chars.length + 1), 0, ' ');
  return chars.join('');
};

const toFullWidth = (s: string): string =>
  s
    .replace(/[!-~]/g, (c) => String.fromCodePoint(c.charCodeAt(0) + 0xfee0))
    .replace(/ /g, '\u3000');

describe('companyNameKey properties', () => {
  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (s) => companyNameKey(companyNameKey(s)) === companyNameKey(s),
      ),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on company names', () => {
    fc.assert(
      fc.property(
        companyName,
        (name) => companyNameKey(companyNameKey(name)) === companyNameKey(name),
      ),
      { numRuns: 2000 },
    );
  });

  it('is, like the other normalisers, idempotent on company names', () => {
    const normalisers = [normaliseText, normaliseForCompare, normaliseTag, companyNameKey];
    fc.assert(fc.property(companyName, (name) => normalisers.every((f) => f(f(name)) === f(name))));
  });

  it('never comes out empty for a name with letters in it', () => {
    fc.assert(fc.property(companyName, (name) => companyNameKey(name) !== ''));
  });

  it('does not change when spaces are inserted or ASCII is typed full-width', () => {
    fc.assert(
      fc.property(companyName, fc.array(fc.nat(), { maxLength: 6 }), (name, at) => {
        const key = companyNameKey(name);
        return (
          companyNameKey(withSpaces(name, at)) === key && companyNameKey(toFullWidth(name)) === key
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on where the region is written, or whether it is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('上海', '上海市', '广东省深圳市', '(深圳)', '（北京市）'),
        fc.constantFrom('华信', '字节跳动', 'ABC'),
        fc.constantFrom('科技', '信息技术', '贸易'),
        fc.constantFrom('有限公司', '有限责任公司', '股份有限公司'),
        (region, tradeName, industry, form) => {
          const key = companyNameKey(tradeName + industry + form);
          const bracketed = region.startsWith('(') || region.startsWith('（');
          const named = bracketed
            ? tradeName + industry + region + form
            : region + tradeName + industry + form;
          return companyNameKey(named) === key;
        },
      ),
    );
  });

  it('reads punctuation in ASCII text as it reads it among other characters', () => {
    // A trailing · (not ASCII) becomes a space that goes again, but sends the name down the
    // path for any Unicode punctuation: both must read the name the same.
    const text = fc.string({
      unit: fc.constantFrom(...'华信科技有限公司上海Ab1 ()[]{}.,&-_/\\\'"!?@#~'),
      maxLength: 14,
    });
    fc.assert(
      fc.property(
        text,
        (s) =>
          companyNameKey(s) === companyNameKey(`${s}·`) &&
          JSON.stringify(parseCompanyName(s)) === JSON.stringify(parseCompanyName(`${s}·`)),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('latin organisation forms', () => {
  // companyNameKey skips looking for them in a name that does not end with a latin letter.
  it('all end with a lower-case latin letter', () => {
    expect(latinOrganisationForms.filter((form) => !/[a-z]$/.test(form))).toEqual([]);
  });
});

// The promise of SPEC 5, checked for every kind over arbitrary and realistic input: a masked
// value shows no more of the original than its rule allows, masking a mask changes nothing,
// and every mask is recognised as one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childrenOf, provinces, regionPath } from '../region/regions';
import { parseMobile } from '../validation/mobile';
import { compoundSurnames } from './compound-surnames';
import { isMaskOf } from './is-mask-of';
import { isMaskedValue } from './is-masked-value';
import { maskKindSchema, maskValue, type MaskKind } from './mask-kinds';

const chars = (s: string) => Array.from(s);
const first = (s: string, n: number) => chars(s).slice(0, n).join('');
const last = (s: string, n: number) => (n === 0 ? '' : chars(s).slice(-n).join(''));
const isStars = (s: string) => /^\*+$/.test(s);

const regions = provinces().flatMap((p) => [
  p,
  ...childrenOf(p.code).flatMap((c) => [c, ...childrenOf(c.code)]),
]);
const regionNames = new Set(
  regions.flatMap((r) => [
    r.name,
    r.name.replace(/(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$/u, ''),
  ]),
);

/** Whether a text is nothing but one to three division names (and so tells no private detail). */
function isRegionNames(text: string, pieces = 3): boolean {
  if (text === '') return true;
  if (pieces === 0) return false;
  const all = chars(text);
  for (let n = 2; n <= all.length; n++) {
    if (
      regionNames.has(all.slice(0, n).join('')) &&
      isRegionNames(all.slice(n).join(''), pieces - 1)
    )
      return true;
  }
  return false;
}

/** Whether `masked` is `****`, or at most `head` and `tail` characters of `source` around stars hiding at least 4. */
function showsOnlyEnds(masked: string, source: string, head: number, tail: number): boolean {
  if (masked === '****') return true;
  const n = chars(source).length;
  const m = chars(masked).length;
  for (let h = 0; h <= head; h++) {
    for (let t = 0; t <= tail; t++) {
      const stars = m - h - t;
      if (n - h - t < 4 || stars < 1) continue;
      if (masked === first(source, h) + '*'.repeat(stars) + last(source, t)) return true;
    }
  }
  return false;
}

/** What each rule allows a mask of `clear` to show; `clear` is never empty here. */
const allowed: Record<MaskKind, (masked: string, clear: string) => boolean> = {
  mobile: (masked, clear) => {
    const mobile = parseMobile(clear);
    return showsOnlyEnds(masked, mobile.ok ? mobile.value : clear, 3, 4);
  },
  email: (masked, clear) => {
    if (masked === '****') return true;
    const at = masked.lastIndexOf('@');
    const domain = masked.slice(at + 1);
    return (
      at > 0 &&
      !domain.includes('@') &&
      clear.endsWith(`@${domain}`) &&
      masked.slice(0, at) === `${first(clear, 1)}***`
    );
  },
  idNumber: (masked, clear) => showsOnlyEnds(masked, clear, 6, 4),
  creditCode: (masked, clear) => showsOnlyEnds(masked, clear, 4, 4),
  personName: (masked, clear) => {
    const n = chars(clear).length;
    if (n === 1) return masked === '*';
    const surname = n > 2 && compoundSurnames.includes(first(clear, 2)) ? 2 : 1;
    const keptHan = first(masked, surname) === first(clear, surname);
    return (
      masked === `${first(clear, 1)}***` ||
      (keptHan && isStars(chars(masked).slice(surname).join('')) && chars(masked).length === n)
    );
  },
  companyName: (masked, clear) => {
    if (masked === '****') return true;
    const at = masked.indexOf('****');
    const region = masked.slice(0, at);
    const form = masked.slice(at + 4);
    return (
      clear.startsWith(region) &&
      clear.endsWith(form) &&
      isRegionNames(region) &&
      chars(form).length <= 12 &&
      chars(region).length + chars(form).length < chars(clear).length
    );
  },
  address: (masked, clear) => {
    const region = masked.slice(0, -4);
    return masked.endsWith('****') && clear.startsWith(region) && isRegionNames(region);
  },
  landline: (masked, clear) => {
    if (masked === '****') return true;
    const [, area = '', stars = '', digits = ''] =
      /^((?:0\d{2,3}|[48]00)[-\s]?)?(\*+)(\d\d)?$/u.exec(masked) ?? [];
    return (
      stars.length >= 4 &&
      clear.startsWith(area) &&
      clear.endsWith(digits) &&
      chars(area + stars + digits).length === chars(clear).length
    );
  },
  amount: (masked) => masked === '****',
  full: (masked) => masked === '****',
  none: (masked, clear) => masked === clear,
};

// Characters that trip up maskers: stars and @ from the masks themselves, lone surrogates,
// characters outside the BMP, Han characters that start names and regions.
const trickyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom(...'*@ -.018张欧阳上海市区公司𠀀😀'),
);
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: trickyChar, maxLength: 30 }),
);

// Realistic values for each kind, so that the interesting branches are taken too.
const digitString = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const mobile = fc
  .tuple(
    fc.constantFrom('', '+86 ', '0086', '86'),
    fc.integer({ min: 3, max: 9 }),
    digitString(9),
    fc.constantFrom('', ' ', '-'),
  )
  .map(
    ([country, second, rest, sep]) =>
      `${country}1${second}${rest.slice(0, 1)}${sep}${rest.slice(1, 5)}${sep}${rest.slice(5)}`,
  );
const idNumber = fc.oneof(
  fc.tuple(digitString(17), fc.constantFrom(...'0123456789X')).map(([d, c]) => d + c),
  digitString(15),
);
const creditCode = fc.string({
  unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'),
  minLength: 18,
  maxLength: 18,
});
const givenChar = fc.constantFrom(...'三丰娜光亮伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华');
const personName = fc
  .tuple(
    fc.constantFrom('张', '王', '李', '赵', '钟', '夏', ...compoundSurnames),
    fc.string({ unit: givenChar, maxLength: 2 }),
  )
  .map(([surname, given]) => surname + given);

const districts = regions.filter((r) => r.level === 'district');
const regionStarts = new Set(regions.map((r) => first(r.name, 1)));
// Characters that start no division name, so that a generated street never extends a region.
const placeChar = fc.constantFrom(
  ...[...'腾讯星辰科技创联智达信诚路号栋楼室弄巷甲乙'].filter((c) => !regionStarts.has(c)),
);
const place = fc.string({ unit: placeChar, minLength: 1, maxLength: 8 });
/** A full province-city-district prefix as people write it: a municipality once. */
const regionPrefix = fc.constantFrom(...districts).map((district) => {
  const path = regionPath(district.code);
  if (path === undefined) return district.name;
  const city =
    path.city.name === path.province.name || /直辖|^县$/.test(path.city.name) ? '' : path.city.name;
  return path.province.name + city + path.district.name;
});
const companyName = fc
  .tuple(
    fc.option(regionPrefix, { nil: '' }),
    place,
    fc.constantFrom('有限公司', '股份有限公司', '有限责任公司', '工作室', ''),
  )
  .map(([region, trade, form]) => region + trade + form);
const address = fc
  .tuple(regionPrefix, place, fc.nat(999))
  .map(([region, street, n]) => `${region}${street}${n}号`);
const landline = fc
  .tuple(
    fc.constantFrom('010', '021', '0755', '0571', '400'),
    fc.constantFrom('-', ' ', ''),
    digitString(8),
  )
  .map(([area, sep, number]) => area + sep + number);

const realistic: Record<MaskKind, fc.Arbitrary<string | number>> = {
  mobile,
  email: fc.emailAddress(),
  idNumber,
  creditCode,
  personName,
  companyName,
  address,
  landline,
  amount: fc.oneof(fc.double(), fc.integer(), fc.double().map(String)),
  full: fc.string({ minLength: 1 }),
  none: fc.string(),
};

const kinds = maskKindSchema.options;
const masking = kinds.filter((kind) => kind !== 'none');

describe('every mask', () => {
  it.each(kinds)('%s shows no more than its rule allows, for arbitrary text', (kind) => {
    fc.assert(
      fc.property(anyString, (clear) => {
        const masked = maskValue(kind, clear);
        if (clear === '') return masked === '';
        return allowed[kind](masked, clear);
      }),
      { numRuns: 300 },
    );
  });

  it.each(kinds)('%s shows no more than its rule allows, for realistic values', (kind) => {
    fc.assert(
      fc.property(realistic[kind], (clear) => {
        const text = String(clear);
        const masked = maskValue(kind, clear);
        return text === '' ? masked === '' : allowed[kind](masked, text);
      }),
    );
  });

  it.each(kinds)('%s is stable: masking a mask changes nothing', (kind) => {
    fc.assert(
      fc.property(fc.oneof(anyString, realistic[kind]), (clear) => {
        const masked = maskValue(kind, clear);
        expect(maskValue(kind, masked)).toBe(masked);
      }),
      { numRuns: 300 },
    );
  });

  it.each(masking)('%s output is recognised as masked, and as the mask of its input', (kind) => {
    fc.assert(
      fc.property(fc.oneof(anyString, realistic[kind]), (clear) => {
        fc.pre(clear !== '');
        const masked = maskValue(kind, clear);
        return isMaskedValue(masked) && isMaskOf(masked, clear, kind);
      }),
    );
  });
});

describe('realistic values', () => {
  it('keep exactly the allowed parts', () => {
    fc.assert(
      fc.property(mobile, (value) => {
        const digits = parseMobile(value);
        expect(digits.ok).toBe(true);
        if (digits.ok)
          expect(maskValue('mobile', value)).toBe(
            `${digits.value.slice(0, 3)}****${digits.value.slice(7)}`,
          );
      }),
    );
    fc.assert(
      fc.property(regionPrefix, place, (region, street) => {
        expect(maskValue('address', `${region}${street}1号`)).toBe(`${region}****`);
      }),
    );
    fc.assert(
      fc.property(regionPrefix, place, (region, trade) => {
        expect(maskValue('companyName', `${region}${trade}有限公司`)).toBe(`${region}****有限公司`);
      }),
    );
  });
});

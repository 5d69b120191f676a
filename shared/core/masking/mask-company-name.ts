import { codePointLength } from '../normalise/code-point-length';
import { leadingRegion } from './leading-region';
import { fullMask, maskFull } from './mask-full';

// Organisation forms a registered name ends with; the longest match wins, so
// 股份有限公司 is kept whole rather than as 有限公司.
// prettier-ignore
const CHINESE_FORMS = [
  '集团股份有限公司', '股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '股份公司',
  '集团公司', '分公司', '公司', '（有限合伙）', '(有限合伙)', '合伙企业', '个人独资企业',
  '企业', '集团', '工作室', '事务所', '合作社', '研究院', '研究所', '中心', '商行', '经营部',
  '门市部', '分店', '店', '厂', '银行', '医院', '学院', '大学', '学校',
];
// Matched case-insensitively with the space before them, which stays with the form.
// prettier-ignore
const LATIN_FORMS = [
  ' co., ltd.', ' co.,ltd.', ' co., ltd', ' co.,ltd', ' co. ltd.', ' co ltd', ' ltd.', ' ltd',
  ' limited', ' inc.', ' inc', ' llc', ' corp.', ' corp', ' corporation', ' company', ' gmbh',
  ' plc', ' pte. ltd.', ' pte ltd',
];

// The Chinese forms by their last UTF-16 unit, in the order above: only those can end a name.
const chineseFormsByLastUnit = new Map<number, string[]>();
for (const form of CHINESE_FORMS) {
  const last = form.charCodeAt(form.length - 1);
  chineseFormsByLastUnit.set(last, [...(chineseFormsByLastUnit.get(last) ?? []), form]);
}

/**
 * Masks a company name: the region it starts with (深圳市, 北京) and the organisation form it
 * ends with (有限公司, Co., Ltd.) are kept, the trade name between them becomes a fixed `****`
 * so neither it nor its length shows. A name with neither, or with nothing between them,
 * is masked in full. Keeping the first characters regardless would show the trade name of
 * every company not named after its region (腾讯科技有限公司).
 * @example maskCompanyName('深圳市腾讯计算机系统有限公司') // '深圳市****有限公司'
 */
export function maskCompanyName(name: string): string {
  const region = leadingRegion(name, { endOnShortName: true });
  const form = organisationForm(name);
  const kept = codePointLength(region) + codePointLength(form);
  if (kept === 0 || kept >= codePointLength(name)) return maskFull(name);
  return region + fullMask + form;
}

// The longest form the name ends with, the first listed among equally long ones; a latin form
// as the name spells it (Co., Ltd.).
function organisationForm(name: string): string {
  let form = '';
  for (const chinese of chineseFormsByLastUnit.get(name.charCodeAt(name.length - 1)) ?? []) {
    if (chinese.length > form.length && name.endsWith(chinese)) form = chinese;
  }
  // Every latin form ends with an ASCII character, and only ASCII letters and the Kelvin sign
  // lower-case to one: a name ending otherwise (most Chinese names) has no latin form.
  const last = name.charCodeAt(name.length - 1);
  if (last > 0x7f && last !== 0x212a) return form;
  for (const latin of LATIN_FORMS) {
    if (latin.length <= form.length) continue;
    const end = name.slice(-latin.length);
    if (end.toLowerCase() === latin) form = end;
  }
  return form;
}

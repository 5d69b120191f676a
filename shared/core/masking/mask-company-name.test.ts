import { describe, expect, it } from 'vitest';
import { maskCompanyName } from './mask-company-name';

describe('maskCompanyName', () => {
  it('keeps the region and the organisation form, hides the trade name', () => {
    expect(maskCompanyName('深圳市腾讯计算机系统有限公司')).toBe('深圳市****有限公司');
    expect(maskCompanyName('北京字节跳动科技有限公司')).toBe('北京****有限公司');
    expect(maskCompanyName('广东省深圳市南山区某某科技股份有限公司')).toBe(
      '广东省深圳市南山区****股份有限公司',
    );
  });

  it('shows no trade name of a company not named after its region', () => {
    expect(maskCompanyName('腾讯科技（深圳）有限公司')).toBe('****有限公司');
    expect(maskCompanyName('阿里巴巴集团控股有限公司')).toBe('****有限公司');
    expect(maskCompanyName('华为技术有限公司')).toBe('****有限公司');
  });

  it('keeps the longest organisation form', () => {
    expect(maskCompanyName('上海寻梦信息技术有限责任公司')).toBe('上海****有限责任公司');
    expect(maskCompanyName('宁波某某投资管理合伙企业（有限合伙）')).toBe('宁波****（有限合伙）');
  });

  it('keeps an English organisation form with its space', () => {
    expect(maskCompanyName('Acme Trading Co., Ltd.')).toBe('**** Co., Ltd.');
    expect(maskCompanyName('Globex Corporation')).toBe('**** Corporation');
  });

  it('masks in full a name with neither region nor form, or nothing between them', () => {
    expect(maskCompanyName('老王烧烤')).toBe('****');
    expect(maskCompanyName('北京大学')).toBe('****');
    expect(maskCompanyName('上海市有限公司')).toBe('****');
  });

  it('leaves an empty value empty and is stable on its own output', () => {
    expect(maskCompanyName('')).toBe('');
    expect(maskCompanyName('深圳市****有限公司')).toBe('深圳市****有限公司');
  });

  it('keeps an English form as the name spells it, in any case', () => {
    expect(maskCompanyName('ABC CO., LTD.')).toBe('**** CO., LTD.');
    expect(maskCompanyName('Acme Trading CO LTD')).toBe('**** CO LTD');
    expect(maskCompanyName('ÅBC Inc')).toBe('**** Inc');
  });

  it('prefers the longest of the forms that end alike', () => {
    expect(maskCompanyName('华信集团股份有限公司')).toBe('****集团股份有限公司');
    expect(maskCompanyName('吉林市华信研究所')).toBe('吉林市****研究所');
    expect(maskCompanyName('华信事务所')).toBe('****事务所');
  });

  it('counts an emoji as one character', () => {
    expect(maskCompanyName('😀有限公司')).toBe('****有限公司');
    expect(maskCompanyName('上海😀')).toBe('上海****');
  });
});

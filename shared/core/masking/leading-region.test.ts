import { describe, expect, it } from 'vitest';
import { leadingRegion } from './leading-region';

const address = { endOnShortName: false };
const company = { endOnShortName: true };

describe('leadingRegion', () => {
  it('finds province, city and district in order', () => {
    expect(leadingRegion('广东省深圳市南山区科技园', address)).toBe('广东省深圳市南山区');
    expect(leadingRegion('江苏省苏州市昆山市玉山镇', address)).toBe('江苏省苏州市昆山市');
    expect(leadingRegion('新疆维吾尔自治区乌鲁木齐市天山区', address)).toBe(
      '新疆维吾尔自治区乌鲁木齐市天山区',
    );
  });

  it('reads a municipality once as province and goes on to its district', () => {
    expect(leadingRegion('上海市浦东新区张江路88号', address)).toBe('上海市浦东新区');
    expect(leadingRegion('北京市朝阳区建国路', address)).toBe('北京市朝阳区');
  });

  it('starts at any level', () => {
    expect(leadingRegion('深圳市福田区深南大道', address)).toBe('深圳市福田区');
    expect(leadingRegion('浦东新区张江路', address)).toBe('浦东新区');
  });

  it('never goes past the district', () => {
    expect(leadingRegion('上海市浦东新区黄浦区', address)).toBe('上海市浦东新区');
  });

  it('takes short names before a full one in an address, but not alone', () => {
    expect(leadingRegion('上海浦东新区张江路', address)).toBe('上海浦东新区');
    expect(leadingRegion('中山路88号', address)).toBe('');
    expect(leadingRegion('广东深圳科技园', address)).toBe('');
  });

  it('takes a short name alone at the start of a company name', () => {
    expect(leadingRegion('北京字节跳动科技有限公司', company)).toBe('北京');
    expect(leadingRegion('广西柳工机械股份有限公司', company)).toBe('广西');
  });

  it('gives no short name to prefectures, leagues or districts', () => {
    expect(leadingRegion('阿里巴巴集团控股有限公司', company)).toBe('');
    expect(leadingRegion('长安汽车股份有限公司', company)).toBe('');
  });

  it('finds nothing in text that does not start with a division', () => {
    expect(leadingRegion('张江路88号', address)).toBe('');
    expect(leadingRegion('阳光小区5栋', address)).toBe('');
    expect(leadingRegion('', address)).toBe('');
  });

  it('takes the longest of the names that start alike, at a level still free', () => {
    // 吉林省, 吉林市 and 吉林 (both) start alike; 吉林 is a province and a city.
    expect(leadingRegion('吉林省吉林市船营区江南路', address)).toBe('吉林省吉林市船营区');
    expect(leadingRegion('吉林市船营区江南路', address)).toBe('吉林市船营区');
    expect(leadingRegion('吉林吉林市船营区', address)).toBe('吉林吉林市船营区');
    expect(leadingRegion('海南藏族自治州共和县', address)).toBe('海南藏族自治州共和县');
    expect(leadingRegion('海南省海口市龙华区', address)).toBe('海南省海口市龙华区');
  });

  it('finds no one-character name and stops at the end of the text', () => {
    expect(leadingRegion('县城', address)).toBe('');
    expect(leadingRegion('上', company)).toBe('');
    expect(leadingRegion('上海', company)).toBe('上海');
  });
});

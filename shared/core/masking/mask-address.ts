import { leadingRegion } from './leading-region';
import { fullMask, maskFull } from './mask-full';

/**
 * Masks an address down to its district: the province, city and district names it starts
 * with (found in the GB/T 2260 region data) are kept and everything after them becomes a fixed
 * `****`. An address that starts with no known division is masked in full. Nothing is guessed
 * from suffixes such as 区 or 县: 阳光小区 ends in 区 too.
 * @example maskAddress('上海市浦东新区张江路88号3楼') // '上海市浦东新区****'
 */
export function maskAddress(address: string): string {
  const region = leadingRegion(address, { endOnShortName: false });
  return region === '' ? maskFull(address) : region + fullMask;
}

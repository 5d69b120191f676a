import { nearDuplicateThreshold } from '../../../shared/core/normalise/similarity';

/**
 * A trade name's length in code points and the set of its code points modulo 32, as bits: what
 * rules most near-duplicate candidates out before their edit distance is computed.
 */
export interface NameShape {
  readonly length: number;
  readonly letters: number;
}

/** The shape of a name, in one pass over it. */
export function shapeOf(name: string): NameShape {
  let length = 0;
  let letters = 0;
  for (let i = 0; i < name.length; i += 1) {
    const code = name.codePointAt(i) ?? 0;
    if (code > 0xffff) i += 1;
    length += 1;
    letters |= 1 << (code & 31);
  }
  return { length, letters };
}

/**
 * False when two names cannot be near duplicates, true when they may be (then the edit distance
 * decides). Near means an edit distance within `allowed`, the bound `keyMatcher` computes from
 * the longer length; the lengths then differ by at most `allowed`, and since each edit adds or
 * removes at most one letter bit and a substitution does both, the bit sets differ in at most
 * twice `allowed` bits.
 * @example mayBeNear(shapeOf('华信科技'), shapeOf('恒达贸易')) // false
 */
export function mayBeNear(a: NameShape, b: NameShape): boolean {
  const allowed = Math.floor((1 - nearDuplicateThreshold) * Math.max(a.length, b.length) + 1e-9);
  if (allowed < 0 || Math.abs(a.length - b.length) > allowed) return false;
  return bitCount(a.letters ^ b.letters) <= 2 * allowed;
}

function bitCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

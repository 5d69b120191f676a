import { z } from 'zod';
import type { Result } from '../result';

/**
 * Turns a parser that returns a Result into a zod schema for strings: the parsed (normalised) value
 * comes out, and a failure becomes an issue carrying the message code and its parameters.
 * @example zodFromParser(parseMobile).parse('+86 138-1234-5678') // '13812345678'
 */
export function zodFromParser<T>(parse: (input: string) => Result<T>) {
  return z.string().transform((input, ctx): T => {
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({
      code: 'custom',
      message: result.code,
      params: { code: result.code, ...result.params },
    });
    return z.NEVER;
  });
}

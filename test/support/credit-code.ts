import { randomInt } from 'node:crypto';
import { CREDIT_CODE_CHARSET, makeCreditCode } from '../../domain/credit-code';

/**
 * A valid unified social credit code, unique in practice: seven random characters of the code's own
 * alphabet (31^7 ≈ 2.8 × 10^10). A counter plus a random number below 10^6, as before, let two of
 * the few hundred registrations of one suite collide now and then, and the second then hit the
 * enterprise quota (a 422 in a test that expects 201).
 */
export const randomCreditCode = (): string =>
  makeCreditCode(`91320100MA${Array.from({ length: 7 }, () => CREDIT_CODE_CHARSET.charAt(randomInt(CREDIT_CODE_CHARSET.length))).join('')}`);

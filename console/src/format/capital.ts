/// <reference types="nzh" />
/**
 * 中文大写金额 (the capital-numeral amount written on vouchers and payment documents), after
 * 《会计基础工作规范》第五十二条 and 《支付结算办法》附一 «正确填写票据和结算凭证的基本规定»:
 *
 * - the currency name comes first with no blank: "人民币…";
 * - "整" after "元" or "角" when the amount stops there; never after "分"
 *   (规范 (二) requires it after 角 — its own example "壹仟肆佰零玖元伍角" and 支付结算办法,
 *   which says 角 "可以不写", leave it out; writing it satisfies both texts, so we write it);
 * - one "零" for a run of zeros inside the figure; "零" after 元 when 角 is 0 and 分 is not
 *   (叁佰贰拾伍元零肆分); when 元位 is 0 and 角 is not, the optional "零" is left out
 *   (壹拾万柒仟元伍角叁分), as both texts allow;
 * - "壹拾" — never a bare "拾" — so that nothing can be written in front of it.
 *
 * The numerals come from nzh (nzh/cn toMoney). Left to itself it decides "整" from the *input
 * text* ("1000000.00" → "壹佰万元", without 整, and "1409.50" → "…伍角"); `forceZheng` makes it
 * decide from the output instead, which is the rule above. We always hand it the exact
 * "yuan.jiaofen" string made from integer fen, never a float.
 */
import nzhcn from 'nzh/cn';
import { term } from '../../../domain/glossary/with-console';
import { formatYuan, type Fen } from '../../../domain/money';

export function capitalAmount(fen: Fen): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`capitalAmount needs a non-negative safe integer fen amount, got ${fen}`);
  }
  const text = nzhcn.toMoney(formatYuan(fen), { forceZheng: true, outSymbol: false, tenMin: false });
  return `${term('unit.rmb')}${text}`;
}

import { WechatValidationError } from '../errors/wechat-validation.error.js';
import type { DtoClass } from './endpoint.js';
import { validateDto } from './dto/validate-dto.js';

/**
 * Splits `list` into the documented per-call limit and builds each call's body. Every body is validated before the
 * first call goes out, so bad input sends nothing; a field path names the entry's index in the caller's whole list
 * (`openid_list[57]`, not `[7]` of the second call). An empty or non-array list still makes one body, for the DTO
 * to refuse by name.
 */
export function batchBodies<T extends object, I>(
  dto: DtoClass<T>,
  list: readonly I[],
  size: number,
  field: string,
  body: (chunk: I[]) => T,
): T[] {
  const chunks: I[][] = [];
  if (!Array.isArray(list) || list.length === 0) chunks.push(list as I[]);
  else for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  const at = new RegExp(`^${field}\\[(\\d+)\\]`);
  return chunks.map((chunk, n) => {
    const made = body(chunk);
    try {
      validateDto(dto, made);
    } catch (error) {
      if (!(error instanceof WechatValidationError)) throw error;
      const index = at.exec(error.field);
      if (!index) throw error;
      const whole = error.field.replace(at, `${field}[${n * size + Number(index[1])}]`);
      throw new WechatValidationError(whole, error.reason, { cause: error });
    }
    return made;
  });
}

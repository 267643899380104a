import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, ValidateNested } from 'class-validator';
import { MaxBytes } from '../../../lib/api/dto/max-bytes.decorator.js';
import { validateDto } from '../../../lib/api/dto/validate-dto.js';
import { WechatValidationError } from '../../../lib/errors/wechat-validation.error.js';

class Leaf {
  @IsString() @MaxBytes(60) name!: string;
  @IsIn(['click', 'view']) type!: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) url?: string;
}
class Top {
  @IsString() @MaxBytes(16) name!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => Leaf) sub_button?: Leaf[];
}
class Menu {
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => Top) button!: Top[];
}

function problem(input: unknown): { field: string; reason: string } {
  try {
    validateDto(Menu, input);
  } catch (error) {
    expect(error).toBeInstanceOf(WechatValidationError);
    const { field, reason } = error as WechatValidationError;
    return { field, reason };
  }
  throw new Error('accepted');
}

describe('validateDto', () => {
  const ok = { button: [{ name: '菜单' }, { name: '更多', sub_button: [{ name: '官网', type: 'view', url: 'https://example.com' }] }] };

  it('returns a valid input unchanged (what was checked is what is sent)', () => {
    expect(validateDto(Menu, ok)).toBe(ok);
  });

  it('names the nested field path of the first violation, in the wire names', () => {
    const bad = { button: [{ name: 'a' }, { name: 'b', sub_button: [{ name: 'c', type: 'view', url: 'ftp://x' }] }] };
    expect(problem(bad)).toEqual({ field: 'button[1].sub_button[0].url', reason: expect.stringMatching(/URL/i) });
  });

  it('counts bytes where WeChat counts bytes (a Chinese character is 3)', () => {
    expect(problem({ button: [{ name: '六个汉字菜单' }] })).toEqual({ field: 'button[0].name', reason: 'must be at most 16 bytes in UTF-8' });
    expect(() => validateDto(Menu, { button: [{ name: '五个汉字菜' }] })).not.toThrow();
  });

  it('refuses undeclared fields, so a misspelt documented name fails before the call', () => {
    expect(problem({ button: [], buton: [] })).toEqual({ field: 'buton', reason: 'is not a documented field' });
  });

  it.each([undefined, null, 'x', 42, []])('refuses a non-object input (%p) as a whole', (input) => {
    expect(problem(input).field).toBe('request');
  });

  it('never puts the value in the message', () => {
    const secretish = 'S3CR3T-value-never-echoed';
    const bad = { button: [{ name: secretish, sub_button: [{ name: 'n', type: secretish }] }] };
    try {
      validateDto(Menu, bad);
      throw new Error('accepted');
    } catch (error) {
      expect((error as Error).message).not.toContain(secretish);
    }
  });
});

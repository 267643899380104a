import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/** Characters as WeChat's "不超过32个字" counts them: Unicode code points (a Chinese character or an emoji is 1). */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/**
 * A string of at most `max` characters (code points). class-validator's `MaxLength` skips variation selectors
 * (U+FE0E/U+FE0F), so a title could pass here and be refused by WeChat; this counts every code point.
 * Non-strings are left to `@IsString()`.
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxChars',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || charLength(value) <= max,
        defaultMessage: buildMessage((each) => `${each}$property must be at most $constraint1 characters`, options),
      },
    },
    options,
  );
}

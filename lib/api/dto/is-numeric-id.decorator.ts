import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A numeric id WeChat hands out (msg_id, tag id…): a non-negative safe integer, or the same digits as a string (ids
 * beyond 2^53 arrive as strings). `undefined`, `null`, `"undefined"` and `NaN` all fail.
 */
export function IsNumericId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNumericId',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
          (typeof value === 'string' && /^\d{1,20}$/.test(value)),
        defaultMessage: () => 'must be a numeric id (a non-negative integer or a string of digits)',
      },
    },
    options,
  );
}

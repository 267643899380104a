import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/** UTF-8 length: WeChat counts many limits in bytes ("不超过16个字节"; a Chinese character is 3). */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** A string of at most `max` UTF-8 bytes. Non-strings are left to `@IsString()`. */
export function MaxBytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxBytes',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || utf8Length(value) <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be at most $constraint1 bytes in UTF-8`,
          options,
        ),
      },
    },
    options,
  );
}

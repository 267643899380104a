// @Type needs the metadata polyfill (a peer dependency, loaded by every Nest app anyway).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * File formats recognised by their first bytes (the name or the declared type may lie). The documented lists:
 * images for OCR and image processing (JPEG, PNG, BMP), voice for AI recognition ("仅支持mp3").
 */
export const FILE_SIGNATURES = {
  jpeg: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  png: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  bmp: (b: Uint8Array) => b[0] === 0x42 && b[1] === 0x4d,
  // ID3 tag, or an MPEG audio frame sync (11 set bits)
  pdf: (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46,
  mp3: (b: Uint8Array) => (b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
} as const;
export type FileFormat = keyof typeof FILE_SIGNATURES;

/** The format of `bytes` among `formats`, or undefined. */
export function detectFormat(bytes: Uint8Array, formats: readonly FileFormat[]): FileFormat | undefined {
  return formats.find((format) => FILE_SIGNATURES[format](bytes));
}

/** Bytes (a Buffer or Uint8Array) of at most `maxBytes`, in one of `formats`. */
export function IsFileBytes(maxBytes: number, formats: readonly FileFormat[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFileBytes',
      constraints: [maxBytes, formats],
      validator: {
        validate: (value: unknown) => value instanceof Uint8Array && value.length > 0 && value.length <= maxBytes && detectFormat(value, formats) !== undefined,
        defaultMessage: (args) => {
          const value = args?.value as unknown;
          if (!(value instanceof Uint8Array)) return 'must be the file bytes (a Buffer or Uint8Array)';
          if (value.length === 0) return 'must not be empty';
          if (value.length > maxBytes) return `must be at most ${maxBytes} bytes (got ${value.length})`;
          return `must be a ${formats.map((f) => f.toUpperCase()).join(' or ')} file (by its content)`;
        },
      },
    },
    options,
  );
}

/** Builds the multipart file DTO of one API family: its size limit and accepted formats. */
export function uploadFileDto(maxBytes: number, formats: readonly FileFormat[]) {
  class UploadFileDto {
    /** Copied as a Buffer by class-transformer (fast), so validation never walks the bytes one by one. */
    @Type(() => Buffer)
    @IsFileBytes(maxBytes, formats)
    data!: Uint8Array;

    @IsString()
    @MaxLength(128)
    fileName!: string;

    @IsOptional()
    @IsString()
    contentType?: string;
  }
  return UploadFileDto;
}

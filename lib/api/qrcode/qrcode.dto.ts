// class-transformer's @Type reads design-time metadata: load the polyfill even outside a Nest app.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/**
 * Parametric QR codes, in the documented wire shape.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html
 */
export const QRCODE_LIMITS = {
  /** 30 days. */
  maxExpireSeconds: 2_592_000,
  /** Temporary: a 32-bit non-zero integer. */
  temporarySceneId: { min: 1, max: 4_294_967_295 },
  /** Permanent: 1–100000. */
  permanentSceneId: { min: 1, max: 100_000 },
  sceneStrChars: { min: 1, max: 64 },
} as const;

type Scene = { scene_id?: unknown; scene_str?: unknown };
/** A scene is an integer (`scene_id`) or a string (`scene_str`): the one given is checked, `scene_id` if neither. */
const byId = (o: Scene) => o.scene_id !== undefined || o.scene_str === undefined;
const byStr = (o: Scene) => o.scene_str !== undefined;

export class TemporaryQrSceneDto {
  @ValidateIf(byId) @IsInt() @Min(QRCODE_LIMITS.temporarySceneId.min) @Max(QRCODE_LIMITS.temporarySceneId.max)
  scene_id?: number;

  @ValidateIf(byStr) @IsString() @Length(QRCODE_LIMITS.sceneStrChars.min, QRCODE_LIMITS.sceneStrChars.max)
  scene_str?: string;
}

export class PermanentQrSceneDto {
  @ValidateIf(byId) @IsInt() @Min(QRCODE_LIMITS.permanentSceneId.min) @Max(QRCODE_LIMITS.permanentSceneId.max)
  scene_id?: number;

  @ValidateIf(byStr) @IsString() @Length(QRCODE_LIMITS.sceneStrChars.min, QRCODE_LIMITS.sceneStrChars.max)
  scene_str?: string;
}

export class TemporaryQrActionInfoDto {
  @IsDefined() @ValidateNested() @Type(() => TemporaryQrSceneDto)
  scene!: TemporaryQrSceneDto;
}

export class PermanentQrActionInfoDto {
  @IsDefined() @ValidateNested() @Type(() => PermanentQrSceneDto)
  scene!: PermanentQrSceneDto;
}

/** `POST /cgi-bin/qrcode/create` (生成带参数二维码) for a temporary code (`QR_SCENE`, `QR_STR_SCENE`). */
export class TemporaryQrcodeCreateDto {
  /** Lifetime, at most 2592000 s (30 days); WeChat's default (30 s) when left out. */
  @IsOptional() @IsInt() @Min(1) @Max(QRCODE_LIMITS.maxExpireSeconds)
  expire_seconds?: number;

  @IsIn(['QR_SCENE', 'QR_STR_SCENE'])
  action_name!: 'QR_SCENE' | 'QR_STR_SCENE';

  @IsDefined() @ValidateNested() @Type(() => TemporaryQrActionInfoDto)
  action_info!: TemporaryQrActionInfoDto;
}

/** `POST /cgi-bin/qrcode/create` (生成带参数二维码) for a permanent code (`QR_LIMIT_SCENE`, `QR_LIMIT_STR_SCENE`). */
export class PermanentQrcodeCreateDto {
  @IsIn(['QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'])
  action_name!: 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE';

  @IsDefined() @ValidateNested() @Type(() => PermanentQrActionInfoDto)
  action_info!: PermanentQrActionInfoDto;
}

/** `GET /cgi-bin/showqrcode` (换取二维码图片). */
export class ShowQrcodeDto {
  @IsString() @Length(1, 1024)
  ticket!: string;
}

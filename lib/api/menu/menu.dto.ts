// class-transformer's @Type reads design-time metadata: load the polyfill even outside a Nest app.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MaxBytes } from '../dto/max-bytes.decorator.js';
import { MENU_BUTTON_FIELDS, MENU_LIMITS, type MenuButtonType } from './menu.types.js';

/**
 * Custom menus, in the documented wire shape.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html
 */

const BUTTON_TYPES = Object.keys(MENU_BUTTON_FIELDS) as MenuButtonType[];
/** WeChat refuses links that are not http(s) (errcode 40054/40055). */
const WEB_URL = /^https?:\/\/[^\s/]+/i;

type ButtonLike = { type?: string; sub_button?: unknown };

/** A top-level button with sub-buttons only names them; every other button is a leaf with a type. */
const isLeaf = (o: ButtonLike) => !Array.isArray(o.sub_button) || o.sub_button.length === 0;
/** Whether the button's type requires `field` (`MENU_BUTTON_FIELDS`, the one table of button types). */
const needs = (o: ButtonLike, field: string) =>
  isLeaf(o) && typeof o.type === 'string' && field in ((MENU_BUTTON_FIELDS as Record<string, object>)[o.type] ?? {});

/** A leaf field required by some button types, with its byte limit from the table. */
function LeafField(field: 'key' | 'url' | 'media_id' | 'article_id' | 'appid' | 'pagepath'): PropertyDecorator {
  const limit = Object.values(MENU_BUTTON_FIELDS)
    .map((fields) => (fields as Record<string, number | null>)[field])
    .find((n) => typeof n === 'number');
  return (target, property) => {
    ValidateIf((o: ButtonLike) => needs(o, field) || (o as Record<string, unknown>)[field] !== undefined)(target, property);
    IsString()(target, property);
    IsNotEmpty()(target, property);
    if (limit) MaxBytes(limit)(target, property);
    if (field === 'url') Matches(WEB_URL, { message: 'must be an http:// or https:// URL' })(target, property);
  };
}

/** The fields every leaf button may carry, by type (see `MENU_BUTTON_FIELDS`). */
abstract class ButtonFieldsDto {
  @ValidateIf(isLeaf)
  @IsIn(BUTTON_TYPES, { message: `must be one of ${BUTTON_TYPES.join(', ')}` })
  type?: MenuButtonType;

  @LeafField('key') key?: string;
  @LeafField('url') url?: string;
  @LeafField('media_id') media_id?: string;
  @LeafField('article_id') article_id?: string;
  @LeafField('appid') appid?: string;
  @LeafField('pagepath') pagepath?: string;
}

/** A sub-button: always a leaf ("菜单最多两级"), name ≤ 60 bytes. */
export class MenuSubButtonDto extends ButtonFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxBytes(MENU_LIMITS.subButtonNameBytes)
  name!: string;

  @IsOptional()
  @ArrayMaxSize(0, { message: 'menus have two levels at most' })
  sub_button?: [];
}

/** A top-level button (name ≤ 16 bytes): a leaf, or a parent of 1–5 sub-buttons. */
export class MenuButtonDto extends ButtonFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxBytes(MENU_LIMITS.topLevelNameBytes)
  name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MENU_LIMITS.subButtons.max)
  @ValidateNested({ each: true })
  @Type(() => MenuSubButtonDto)
  sub_button?: MenuSubButtonDto[];
}

/** `POST /cgi-bin/menu/create` (创建自定义菜单): 1–3 top-level buttons. */
export class MenuCreateDto {
  @IsArray()
  @ArrayMinSize(MENU_LIMITS.topLevelButtons.min)
  @ArrayMaxSize(MENU_LIMITS.topLevelButtons.max)
  @ValidateNested({ each: true })
  @Type(() => MenuButtonDto)
  button!: MenuButtonDto[];
}

/** Who a conditional (个性化) menu is for. Region is matched country → province → city. */
export class MenuMatchRuleDto {
  @IsOptional() @IsString() tag_id?: string;
  /** `1` male, `2` female. */
  @IsOptional() @IsIn(['1', '2']) sex?: string;

  @ValidateIf((o: MenuMatchRuleDto) => o.country !== undefined || !!o.province)
  @IsDefined({ message: 'is required when province is set' })
  @IsString()
  country?: string;

  @ValidateIf((o: MenuMatchRuleDto) => o.province !== undefined || !!o.city)
  @IsDefined({ message: 'is required when city is set' })
  @IsString()
  province?: string;

  @IsOptional() @IsString() city?: string;
  /** `1` iOS, `2` Android, `3` others. */
  @IsOptional() @IsIn(['1', '2', '3']) client_platform_type?: string;
  @IsOptional() @IsString() language?: string;
}

const MATCH_FIELDS = ['tag_id', 'sex', 'country', 'province', 'city', 'client_platform_type', 'language'] as const;

/** `POST /cgi-bin/menu/addconditional` (创建个性化菜单): a menu and a rule with at least one field set (65304). */
export class MenuAddConditionalDto extends MenuCreateDto {
  @IsDefined()
  @ValidateBy({
    name: 'hasAnyMatchField',
    validator: {
      validate: (rule: unknown) =>
        typeof rule === 'object' && rule !== null && MATCH_FIELDS.some((f) => !!(rule as Record<string, unknown>)[f]),
      defaultMessage: () => 'needs at least one non-empty field',
    },
  })
  @ValidateNested()
  @Type(() => MenuMatchRuleDto)
  matchrule!: MenuMatchRuleDto;
}

/** `POST /cgi-bin/menu/delconditional` (删除个性化菜单). */
export class MenuDelConditionalDto {
  @IsString()
  @IsNotEmpty()
  menuid!: string;
}

/** `POST /cgi-bin/menu/trymatch` (测试个性化菜单匹配): an OpenID or a WeChat ID. */
export class MenuTryMatchDto {
  @IsString()
  @IsNotEmpty()
  user_id!: string;
}

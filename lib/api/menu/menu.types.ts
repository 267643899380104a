/**
 * Custom menus, in the documented JSON shape (field names as in the docs, so their examples apply verbatim).
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html
 */

/** Limits from the menu docs: names and keys are counted in UTF-8 bytes. */
export const MENU_LIMITS = {
  topLevelButtons: { min: 1, max: 3 },
  subButtons: { min: 1, max: 5 },
  topLevelNameBytes: 16,
  subButtonNameBytes: 60,
} as const;

/**
 * Every button type and the fields it requires, with their byte limits (`null`: none documented).
 * A new button type is one line here; types and checks follow.
 */
export const MENU_BUTTON_FIELDS = {
  click: { key: 128 },
  view: { url: 1024 },
  scancode_push: { key: 128 },
  scancode_waitmsg: { key: 128 },
  pic_sysphoto: { key: 128 },
  pic_photo_or_album: { key: 128 },
  pic_weixin: { key: 128 },
  location_select: { key: 128 },
  /** Sends a permanent material (image, voice, video, news). */
  media_id: { media_id: null },
  /** Opens a published article (发布能力), replacing `media_id` for articles. */
  article_id: { article_id: null },
  article_view_limited: { article_id: null },
  /** Deprecated by WeChat for new accounts; kept for existing menus. */
  view_limited: { media_id: null },
  /** `url` is opened by clients too old for mini programs. */
  miniprogram: { url: 1024, appid: null, pagepath: null },
} as const satisfies Record<string, Record<string, number | null>>;

export type MenuButtonType = keyof typeof MENU_BUTTON_FIELDS;

/** A button that does something: its `type` and that type's fields. */
export type LeafButton = {
  [T in MenuButtonType]: { type: T; name: string; sub_button?: [] } & {
    [F in keyof (typeof MENU_BUTTON_FIELDS)[T]]: string;
  };
}[MenuButtonType];

/** A top-level button that opens 1–5 sub-buttons. */
export interface ParentButton {
  name: string;
  sub_button: LeafButton[];
}

export type MenuButton = LeafButton | ParentButton;

export interface MenuDefinition {
  button: MenuButton[];
}

/** Who a conditional (个性化) menu is for; at least one field must be set. */
export interface MenuMatchRule {
  tag_id?: string;
  /** `1` male, `2` female. */
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  /** `1` iOS, `2` Android, `3` others. */
  client_platform_type?: string;
  language?: string;
}

export interface ConditionalMenuDefinition extends MenuDefinition {
  matchrule: MenuMatchRule;
}

/** Answer of `menu/get`: the default menu and the conditional ones. */
export interface MenuGetResult {
  menu: { button: MenuButton[]; menuid?: number };
  conditionalmenu?: { button: MenuButton[]; matchrule: MenuMatchRule; menuid: number }[];
}

/** Answer of `get_current_selfmenu_info`: the menu as currently live, whether set by API or in the console. */
export interface SelfMenuInfo {
  is_menu_open: 0 | 1;
  selfmenu_info?: { button: Record<string, unknown>[] };
}

import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** `YYYY-MM-DD`, the only date form the datacube APIs take. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Body of every `/datacube/*` API: a day range, both ends included, the end at most yesterday. */
export class DateRangeDto {
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date as YYYY-MM-DD' })
  begin_date!: string;

  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date as YYYY-MM-DD' })
  end_date!: string;
}

/** `action` of `publisher/stat` (流量主广告数据): ad positions, CPS commissions, settlement. */
export const PUBLISHER_STAT_ACTIONS = ['publisher_adpos_general', 'publisher_cps_general', 'publisher_settlement'] as const;
export type PublisherStatAction = (typeof PUBLISHER_STAT_ACTIONS)[number];

/** Ad slots of `publisher_adpos_general` (the docs' 广告位类型 list). */
export const PUBLISHER_AD_SLOTS = [
  'SLOT_ID_BIZ_BOTTOM', 'SLOT_ID_BIZ_MID_CONTEXT', 'SLOT_ID_BIZ_VIDEO_END', 'SLOT_ID_BIZ_SPONSOR', 'SLOT_ID_BIZ_CPS',
] as const;

/** Query of `GET /publisher/stat`. */
export class PublisherStatDto {
  @IsIn(PUBLISHER_STAT_ACTIONS)
  action!: PublisherStatAction;

  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date as YYYY-MM-DD' })
  start_date!: string;

  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date as YYYY-MM-DD' })
  end_date!: string;

  @IsInt()
  @Min(1)
  page!: number;

  /** "每页数量" — the docs' examples use at most 90 rows per page. */
  @IsInt()
  @Min(1)
  @Max(90)
  page_size!: number;

  @IsOptional()
  @IsIn(PUBLISHER_AD_SLOTS)
  ad_slot?: (typeof PUBLISHER_AD_SLOTS)[number];
}

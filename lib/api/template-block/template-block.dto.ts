import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

/** "单页查询的大小，最大100". */
export const TEMPLATE_BLOCK_LIMITS = {
  maxPageSize: 100,
} as const;

/** `POST /wxa/sec/queryblocktmplmsg` (查询拦截的模板消息). */
export class BlockedTemplateQueryDto {
  /** The template message id the platform blocked. */
  @IsString()
  @IsNotEmpty()
  tmpl_msg_id!: string;

  /** The largest record `id` of the previous page; 0 at first. */
  @IsInt()
  @Min(0)
  largest_id!: number;

  @IsInt()
  @Min(1)
  @Max(TEMPLATE_BLOCK_LIMITS.maxPageSize)
  limit!: number;
}

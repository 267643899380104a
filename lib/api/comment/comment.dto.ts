import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

/** comment/list: "获取数目（>=50会被拒绝）". */
export const COMMENT_LIMITS = {
  maxPageSize: 49,
} as const;

/** 0 every comment, 1 normal comments, 2 精选 (elected) comments. */
export const COMMENT_LIST_TYPES = [0, 1, 2] as const;
export type CommentListType = (typeof COMMENT_LIST_TYPES)[number];

/** One article of a publish: `msg_data_id` (from the mass send or publish) and, in a multi-article one, its `index`. */
export class CommentArticleDto {
  @IsInt()
  @Min(0)
  msg_data_id!: number;

  /** From 0; default the first article. */
  @IsOptional()
  @IsInt()
  @Min(0)
  index?: number;
}

/** `POST /cgi-bin/comment/list` (查看留言). */
export class CommentListDto extends CommentArticleDto {
  @IsInt()
  @Min(0)
  begin!: number;

  @IsInt()
  @Min(1)
  @Max(COMMENT_LIMITS.maxPageSize)
  count!: number;

  @IsIn(COMMENT_LIST_TYPES)
  type!: CommentListType;
}

/** One comment: markelect, unmarkelect, delete, reply/delete. */
export class CommentTargetDto extends CommentArticleDto {
  @IsInt()
  @Min(0)
  user_comment_id!: number;
}

/** `POST /cgi-bin/comment/reply/add` (回复留言). */
export class CommentReplyDto extends CommentTargetDto {
  @IsString()
  @IsNotEmpty()
  content!: string;
}

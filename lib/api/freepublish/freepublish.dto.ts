import { IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';

/** `POST /cgi-bin/freepublish/get` (发布状态轮询). */
export class PublishIdDto {
  @IsString()
  @IsNotEmpty()
  publish_id!: string;
}

/** `POST /cgi-bin/freepublish/getarticle` (通过 article_id 获取已发布文章). */
export class ArticleIdDto {
  @IsString()
  @IsNotEmpty()
  article_id!: string;
}

/** `POST /cgi-bin/freepublish/delete` (删除发布): `index` is 1-based; absent or 0 deletes every article. */
export class PublishDeleteDto {
  @IsString()
  @IsNotEmpty()
  article_id!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  index?: number;
}

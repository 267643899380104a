import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Length, Max, Min, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/** A multiple of `step`. */
function IsMultipleOf(step: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isMultipleOf', constraints: [step], validator: { validate: (v: unknown) => typeof v === 'number' && v % step === 0, defaultMessage: () => `must be a multiple of ${step}` } },
    options,
  );
}

/** 申请二维码: "申请码的数量，≥10000，≤20000000，10000的整数倍"; the same isv_application_id is the same order. */
export class ApplyCodeDto {
  @IsInt() @Min(10_000) @Max(20_000_000) @IsMultipleOf(10_000) code_count!: number;
  @IsString() @IsNotEmpty() isv_application_id!: string;
}

/** 查询二维码申请单: by WeChat's application_id or by your isv_application_id. */
export class ApplyCodeQueryDto {
  @ValidateIf((dto: ApplyCodeQueryDto) => dto.isv_application_id === undefined) @IsInt() application_id?: number;
  @IsOptional() @IsString() @IsNotEmpty() isv_application_id?: string;
}

/** A range of codes of one application (from `code_generate_list`). */
export class CodeRangeDto {
  @IsInt() application_id!: number;
  @IsInt() @Min(0) code_start!: number;
  @IsInt() @Min(0) code_end!: number;
}

/** 激活二维码: binds a code range to an activity and the mini program page the code opens. */
export class CodeActiveDto extends CodeRangeDto {
  @IsString() @IsNotEmpty() activity_name!: string;
  @IsString() @IsNotEmpty() product_brand!: string;
  @IsString() @IsNotEmpty() product_title!: string;
  /** 商品条码 (EAN). */
  @IsString() @IsNotEmpty() product_code!: string;
  @IsString() @IsNotEmpty() wxa_appid!: string;
  @IsString() @IsNotEmpty() wxa_path!: string;
  /** 0 release, 1 trial, 2 development. */
  @IsOptional() @IsIn([0, 1, 2]) wxa_type?: 0 | 1 | 2;
}

/** 查询二维码激活状态: by application_id + code_index, by the 28-character code_url or by the 9-character code. */
export class CodeActiveQueryDto {
  @ValidateIf((dto: CodeActiveQueryDto) => dto.code === undefined && dto.code_url === undefined) @IsInt() application_id?: number;
  @ValidateIf((dto: CodeActiveQueryDto) => dto.application_id !== undefined) @IsInt() @Min(0) code_index?: number;
  @IsOptional() @IsString() @Length(28, 28) code_url?: string;
  @IsOptional() @IsString() @Length(9, 9) code?: string;
}

/** CODE_TICKET换CODE: the ticket a scan hands the mini program, for that user. */
export class TicketToCodeDto {
  @IsString() @IsNotEmpty() openid!: string;
  @IsString() @IsNotEmpty() code_ticket!: string;
}

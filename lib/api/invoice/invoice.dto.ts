import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Min, ValidateNested,
} from 'class-validator';
import { uploadFileDto } from '../dto/upload-file.dto.js';

/** Invoice (电子发票) request DTOs, field names as in the docs. Amounts are in fen (分). */

export const INVOICE_SOURCES = ['app', 'web', 'wxa', 'wap'] as const;
/** 0 申请开票, 1 填写抬头申请开票, 2 领取发票. */
export const AUTH_PAGE_TYPES = [0, 1, 2] as const;
export const REIMBURSE_STATUSES = ['INVOICE_REIMBURSE_INIT', 'INVOICE_REIMBURSE_LOCK', 'INVOICE_REIMBURSE_CLOSURE'] as const;
export type ReimburseStatus = (typeof REIMBURSE_STATUSES)[number];

/** 获取授权页链接. */
export class InvoiceAuthUrlDto {
  @IsString() @IsNotEmpty() s_pappid!: string;
  @IsString() @IsNotEmpty() order_id!: string;
  @IsInt() @Min(0) money!: number;
  @IsInt() @Min(0) timestamp!: number;
  @IsIn(INVOICE_SOURCES) source!: (typeof INVOICE_SOURCES)[number];
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }) redirect_url?: string;
  /** 授权页 ticket (`ticket/getticket?type=wx_card`). */
  @IsString() @IsNotEmpty() ticket!: string;
  @IsIn(AUTH_PAGE_TYPES) type!: (typeof AUTH_PAGE_TYPES)[number];
}

/** 查询授权完成状态. */
export class InvoiceOrderDto {
  @IsString() @IsNotEmpty() order_id!: string;
  @IsString() @IsNotEmpty() s_pappid!: string;
}

/** 拒绝开票. */
export class RejectInsertDto extends InvoiceOrderDto {
  @IsString() @IsNotEmpty() reason!: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }) url?: string;
}

class CustomFieldDto {
  @IsString() @IsNotEmpty() key!: string;
  @IsOptional() @IsIn([0, 1]) is_require?: 0 | 1;
  @IsOptional() @IsString() notice?: string;
}
class UserFieldDto {
  @IsOptional() @IsIn([0, 1]) show_title?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_phone?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_email?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_phone?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_email?: 0 | 1;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CustomFieldDto) custom_field?: CustomFieldDto[];
}
class BizFieldDto {
  @IsOptional() @IsIn([0, 1]) show_title?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_tax_no?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_addr?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_phone?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_bank_type?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) show_bank_no?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_tax_no?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_addr?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_phone?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_bank_type?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) require_bank_no?: 0 | 1;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CustomFieldDto) custom_field?: CustomFieldDto[];
}
class AuthFieldDto {
  @ValidateNested() @Type(() => UserFieldDto) user_field!: UserFieldDto;
  @ValidateNested() @Type(() => BizFieldDto) biz_field!: BizFieldDto;
}
class PayMchInfoDto {
  @IsString() @IsNotEmpty() mchid!: string;
  @IsString() @IsNotEmpty() s_pappid!: string;
}
class ContactDto {
  /** Seconds the invoice may take to arrive before the user is shown the contact. */
  @IsInt() @Min(1) time_out!: number;
  @IsString() @IsNotEmpty() phone!: string;
}

/**
 * `setbizattr` takes its `action` in the query: six actions on one path, one DTO each, with the action fixed
 * in the DTO (so a row cannot be called with another row's body).
 */
export const BIZ_ATTR_ACTIONS = ['set_auth_field', 'get_auth_field', 'set_pay_mch', 'get_pay_mch', 'set_contact', 'get_contact'] as const;
export type BizAttrAction = (typeof BIZ_ATTR_ACTIONS)[number];

export class SetAuthFieldDto {
  @Equals('set_auth_field') action!: 'set_auth_field';
  @ValidateNested() @Type(() => AuthFieldDto) auth_field!: AuthFieldDto;
}
export class GetAuthFieldDto {
  @Equals('get_auth_field') action!: 'get_auth_field';
}
export class SetPayMchDto {
  @Equals('set_pay_mch') action!: 'set_pay_mch';
  @ValidateNested() @Type(() => PayMchInfoDto) paymch_info!: PayMchInfoDto;
}
export class GetPayMchDto {
  @Equals('get_pay_mch') action!: 'get_pay_mch';
}
export class SetContactDto {
  @Equals('set_contact') action!: 'set_contact';
  @ValidateNested() @Type(() => ContactDto) contact!: ContactDto;
}
export class GetContactDto {
  @Equals('get_contact') action!: 'get_contact';
}

class InvoiceItemDto {
  @IsString() @IsNotEmpty() name!: string;
  @IsOptional() @IsInt() num?: number;
  @IsOptional() @IsString() unit?: string;
  @IsOptional() @IsInt() price?: number;
}
class InvoiceUserDataDto {
  /** 发票的金额，以分为单位. */
  @IsInt() @Min(0) fee!: number;
  @IsString() @IsNotEmpty() title!: string;
  /** 发票的开票时间，为10位时间戳. */
  @IsInt() @Min(0) billing_time!: number;
  @IsString() @IsNotEmpty() billing_no!: string;
  @IsString() @IsNotEmpty() billing_code!: string;
  @IsInt() @Min(0) fee_without_tax!: number;
  @IsInt() @Min(0) tax!: number;
  /** From `platform/setpdf`. */
  @IsString() @IsNotEmpty() s_pdf_media_id!: string;
  @IsOptional() @IsString() s_trade_pdf_media_id?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => InvoiceItemDto) info?: InvoiceItemDto[];
  @IsOptional() @IsString() check_code?: string;
  @IsOptional() @IsString() buyer_number?: string;
  @IsOptional() @IsString() buyer_address_and_phone?: string;
  @IsOptional() @IsString() buyer_bank_account?: string;
  @IsOptional() @IsString() seller_number?: string;
  @IsOptional() @IsString() seller_address_and_phone?: string;
  @IsOptional() @IsString() seller_bank_account?: string;
  @IsOptional() @IsString() remarks?: string;
  @IsOptional() @IsString() cashier?: string;
  @IsOptional() @IsString() maker?: string;
}
class UserCardDto {
  @ValidateNested() @Type(() => InvoiceUserDataDto) invoice_user_data!: InvoiceUserDataDto;
}
class CardExtDto {
  @IsString() @IsNotEmpty() nonce_str!: string;
  @ValidateNested() @Type(() => UserCardDto) user_card!: UserCardDto;
}

/** 将电子发票卡券插入用户卡包. */
export class InsertInvoiceDto {
  @IsString() @IsNotEmpty() order_id!: string;
  @IsString() @IsNotEmpty() card_id!: string;
  /** The AppID the order was authorised under. */
  @IsString() @IsNotEmpty() appid!: string;
  @ValidateNested() @Type(() => CardExtDto) card_ext!: CardExtDto;
}

class InvoiceBaseInfoDto {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }) logo_url!: string;
  @IsString() @IsNotEmpty() title!: string;
  @IsOptional() @IsString() custom_url_name?: string;
  @IsOptional() @IsString() custom_url?: string;
  @IsOptional() @IsString() custom_url_sub_title?: string;
  @IsOptional() @IsString() promotion_url_name?: string;
  @IsOptional() @IsString() promotion_url?: string;
  @IsOptional() @IsString() promotion_url_sub_title?: string;
}
class InvoiceInfoDto {
  @ValidateNested() @Type(() => InvoiceBaseInfoDto) base_info!: InvoiceBaseInfoDto;
  /** 收款方（开票方）全称. */
  @IsString() @IsNotEmpty() payee!: string;
  /** 发票类型, e.g. 增值税电子普通发票. */
  @IsString() @IsNotEmpty() type!: string;
}

/** 创建发票卡券模板. */
export class CreateInvoiceCardDto {
  @ValidateNested() @Type(() => InvoiceInfoDto) invoice_info!: InvoiceInfoDto;
}

/** A PDF, recognised by its `%PDF` header. The docs state no size limit; 20 MB guards the upload. */
export const PDF_MAX_BYTES = 20 * 1024 * 1024;
export const PdfFileDto = uploadFileDto(PDF_MAX_BYTES, ['pdf']);
export type PdfFileDto = InstanceType<typeof PdfFileDto>;

/** 上传PDF: multipart field `pdf`. */
export class SetPdfDto {
  @ValidateNested() @Type(() => PdfFileDto) pdf!: PdfFileDto;
}

/** 查询已上传的PDF. */
export class GetPdfDto {
  @Equals('get_url') action!: 'get_url';
  @IsString() @IsNotEmpty() s_media_id!: string;
}

/** 更新发票卡券状态 (by the invoicing platform). */
export class PlatformUpdateStatusDto {
  @IsString() @IsNotEmpty() card_id!: string;
  @IsString() @IsNotEmpty() code!: string;
  @IsIn(REIMBURSE_STATUSES) reimburse_status!: ReimburseStatus;
}

/** One invoice as the reimburser sees it. */
export class InvoiceRefDto {
  @IsString() @IsNotEmpty() card_id!: string;
  @IsString() @IsNotEmpty() encrypt_code!: string;
}

/** 报销方批量查询: "item_list…最多100张". */
export class InvoiceBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => InvoiceRefDto) item_list!: InvoiceRefDto[];
}

/** 报销方更新发票状态. */
export class ReimburseUpdateStatusDto extends InvoiceRefDto {
  @IsIn(REIMBURSE_STATUSES) reimburse_status!: ReimburseStatus;
}

/** 报销方批量更新发票状态: one user's invoices. */
export class ReimburseUpdateBatchDto {
  @IsString() @IsNotEmpty() openid!: string;
  @IsIn(REIMBURSE_STATUSES) reimburse_status!: ReimburseStatus;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => InvoiceRefDto) invoice_list!: InvoiceRefDto[];
}

/** 将发票抬头信息录入到用户微信中: `user_fill` 0 = the merchant fills the title, 1 = the user does. */
export class UserTitleUrlDto {
  @IsOptional() @IsIn([0, 1]) user_fill?: 0 | 1;
  @IsOptional() @IsString() title?: string;
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() tax_no?: string;
  @IsOptional() @IsString() addr?: string;
  @IsOptional() @IsString() bank_type?: string;
  @IsOptional() @IsString() bank_no?: string;
  @IsOptional() @IsString() out_title_id?: string;
}

/** 获取用户抬头(选择抬头)链接. */
export class SelectTitleUrlDto {
  /** Passed back in the `submit_invoice_title` event. */
  @IsOptional() @IsString() attach?: string;
  @IsOptional() @IsString() biz_name?: string;
}

/** 获取用户抬头(扫码): the text of the title QR code the user showed. */
export class ScanTitleDto {
  @IsString() @IsNotEmpty() scan_text!: string;
}

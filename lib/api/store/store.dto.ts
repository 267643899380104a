import { IsInt, IsNotEmpty, IsNumberString, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** 创建门店小程序: categories from `get_merchant_category`, images as media_ids of temporary material. */
export class ApplyMerchantDto {
  @IsInt() @Min(1) first_catid!: number;
  @IsInt() @Min(1) second_catid!: number;
  /** 类目相关证件的临时素材 media_id, several joined with `|`. */
  @IsOptional() @IsString() qualification_list?: string;
  @IsString() @IsNotEmpty() headimg_mediaid!: string;
  @IsString() @IsNotEmpty() nickname!: string;
  @IsString() @IsNotEmpty() intro!: string;
  /** 营业执照或组织代码证 media_id (for merchants without 微信认证). */
  @IsOptional() @IsString() org_code?: string;
  @IsOptional() @IsString() other_files?: string;
}

/** 修改门店小程序信息. */
export class ModifyMerchantDto {
  @IsString() @IsNotEmpty() headimg_mediaid!: string;
  @IsString() @IsNotEmpty() intro!: string;
}

/** 从腾讯地图搜索门店. */
export class SearchMapPoiDto {
  /** An id from `get_district`. */
  @IsInt() @Min(1) districtid!: number;
  @IsString() @IsNotEmpty() keyword!: string;
}

/** 在腾讯地图中创建门店. */
export class CreateMapPoiDto {
  @IsString() @IsNotEmpty() name!: string;
  @IsNumberString() longitude!: string;
  @IsNumberString() latitude!: string;
  @IsString() @IsNotEmpty() province!: string;
  @IsString() @IsNotEmpty() city!: string;
  @IsString() @IsNotEmpty() district!: string;
  @IsString() @IsNotEmpty() address!: string;
  /** e.g. 美食:中餐厅. */
  @IsString() @IsNotEmpty() category!: string;
  /** Several numbers separated by `;`. */
  @IsString() @IsNotEmpty() telephone!: string;
  @IsUrl(URL) photo!: string;
  @IsUrl(URL) license!: string;
  @IsString() @IsNotEmpty() introduct!: string;
  @IsString() @IsNotEmpty() districtid!: string;
  /** Only when migrating an old store. */
  @IsOptional() @IsString() poi_id?: string;
}

/** Fields shared by adding and updating a store. `pic_list` and `kf_info` are JSON strings, as the docs send them. */
class StoreFieldsDto {
  /** `sosomap_poi_uid` from `search_map_poi`. */
  @IsString() @IsNotEmpty() map_poi_id!: string;
  /** `{"list":["https://…"]}`: 1 to 9 images from `media/uploadimg`. */
  @IsString() @Matches(/^\{.*"list".*\}$/s, { message: 'must be a JSON string like {"list":["https://…"]}' }) pic_list!: string;
  @IsString() @IsNotEmpty() contract_phone!: string;
  /** 营业时间, e.g. `10:00-21:00`. */
  @IsString() @Matches(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, { message: 'must be like 10:00-21:00' }) hour!: string;
  @IsOptional() @IsString() card_id?: string;
  @IsOptional() @IsString() kf_info?: string;
}

/** 添加门店. */
export class AddStoreDto extends StoreFieldsDto {
  /** 15-digit business licence number or 9-digit organisation code. */
  @IsString() @Matches(/^(\w{15}|\w{18}|\w{9})$/, { message: 'must be a 15- or 18-character licence number or a 9-character organisation code' }) credential!: string;
  @IsOptional() @IsString() poi_id?: string;
  @IsOptional() @IsString() address?: string;
  @IsOptional() @IsString() company_name?: string;
  @IsOptional() @IsString() qualification_list?: string;
  @IsOptional() @IsString() store_name?: string;
}

/** 更新门店信息. */
export class UpdateStoreDto extends StoreFieldsDto {
  @IsString() @IsNotEmpty() poi_id!: string;
}

/** 获取单个门店信息 / 删除门店. */
export class PoiIdDto {
  @IsString() @IsNotEmpty() poi_id!: string;
}

/** 获取门店信息列表: "limit…最大50". */
export class StoreListDto {
  @IsInt() @Min(0) offset!: number;
  @IsInt() @Min(1) @Max(50) limit!: number;
}

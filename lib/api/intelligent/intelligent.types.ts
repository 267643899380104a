/** Answers of the 智能接口 (OCR, image processing, AI voice), field names as WeChat sends them. */

export interface ImageSize {
  w: number;
  h: number;
}
/** Corners of a region, clockwise from the top left. */
export interface Position {
  left_top: { x: number; y: number };
  right_top: { x: number; y: number };
  right_bottom: { x: number; y: number };
  left_bottom: { x: number; y: number };
}

/** 身份证OCR: `Front` carries the holder's fields, `Back` the validity period. */
export interface IdCardOcrResult {
  type: 'Front' | 'Back';
  name?: string;
  id?: string;
  addr?: string;
  gender?: string;
  nationality?: string;
  valid_date?: string;
}

/** 银行卡OCR. */
export interface BankCardOcrResult {
  number: string;
}

/** 行驶证OCR (`/cv/ocr/driving`). */
export interface VehicleLicenseOcrResult {
  vehicle_type?: string;
  owner?: string;
  addr?: string;
  use_character?: string;
  model?: string;
  vin?: string;
  engine_num?: string;
  register_date?: string;
  issue_date?: string;
  plate_num?: string;
  plate_num_b?: string;
  record?: string;
  passengers_num?: string;
  total_quality?: string;
  prepare_quality?: string;
}

/** 驾驶证OCR (`/cv/ocr/drivinglicense`). */
export interface DrivingLicenseOcrResult {
  id_num?: string;
  name?: string;
  sex?: string;
  nationality?: string;
  address?: string;
  birth_date?: string;
  issue_date?: string;
  car_class?: string;
  valid_from?: string;
  valid_to?: string;
  official_seal?: string;
}

/** 营业执照OCR. */
export interface BizLicenseOcrResult {
  reg_num?: string;
  serial?: string;
  legal_representative?: string;
  enterprise_name?: string;
  type_of_organization?: string;
  address?: string;
  type_of_enterprise?: string;
  business_scope?: string;
  registered_capital?: string;
  paid_in_capital?: string;
  valid_period?: string;
  registered_date?: string;
  cert_position?: { pos: Position };
  img_size?: ImageSize;
}

/** 通用印刷体OCR and 菜单OCR: text lines with their position. */
export interface TextOcrResult {
  items: { text: string; pos: Position }[];
  img_size: ImageSize;
}

/** 二维码/条码识别. */
export interface QrcodeScanResult {
  code_results: { type_name: string; data: string; pos?: Position }[];
  img_size: ImageSize;
}

/** 图片智能裁剪. */
export interface AiCropResult {
  results: { crop_left: number; crop_top: number; crop_right: number; crop_bottom: number }[];
  img_size: ImageSize;
}

/** 获取语音识别结果: the text so far; `is_end` once recognition is complete. */
export interface VoiceRecognitionResult {
  result: string;
  is_end?: boolean;
}

/** 微信翻译. */
export interface TranslateResult {
  from_content: string;
  to_content: string;
}

import { endpoint } from '../endpoint.js';
import type { DownloadResult } from '../api-files.js';
import { MaterialAddDto, MaterialBatchGetDto, MediaIdDto, MediaUploadDto, MediaUploadImgDto } from './material.dto.js';
import type { MaterialBatch, MaterialCount, PermanentMaterialAdded, TemporaryMediaUploaded } from './material.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management';

/** Materials. Temporary uploads expire after 3 days and count against no library limit: `read`. */
export const MATERIAL_ENDPOINTS = {
  mediaUpload: endpoint<TemporaryMediaUploaded>()({
    title: '新增临时素材', method: 'POST', path: '/cgi-bin/media/upload', kind: 'read', body: 'multipart',
    request: MediaUploadDto, query: ['type'], file: 'media', response: 'json', doc: `${DOC}/New_temporary_materials.html`,
  }),
  mediaGet: endpoint<DownloadResult>()({
    title: '获取临时素材', method: 'GET', path: '/cgi-bin/media/get', kind: 'read', request: MediaIdDto,
    response: 'binary', doc: `${DOC}/Get_temporary_materials.html`,
  }),
  mediaUploadImg: endpoint<{ url: string }>()({
    title: '上传图文消息内的图片', method: 'POST', path: '/cgi-bin/media/uploadimg', kind: 'read', body: 'multipart',
    request: MediaUploadImgDto, file: 'media', response: 'json', expect: ['url'], doc: `${DOC}/Adding_Permanent_Assets.html`,
  }),
  materialAdd: endpoint<PermanentMaterialAdded>()({
    title: '新增其他类型永久素材', method: 'POST', path: '/cgi-bin/material/add_material', kind: 'send',
    body: 'multipart', request: MaterialAddDto, query: ['type'], file: 'media', response: 'json', expect: ['media_id'],
    doc: `${DOC}/Adding_Permanent_Assets.html`,
  }),
  materialGet: endpoint<DownloadResult>()({
    title: '获取永久素材', method: 'POST', path: '/cgi-bin/material/get_material', kind: 'read', request: MediaIdDto,
    response: 'binary', doc: `${DOC}/Getting_Permanent_Assets.html`,
  }),
  materialDelete: endpoint()({
    title: '删除永久素材', method: 'POST', path: '/cgi-bin/material/del_material', kind: 'send', request: MediaIdDto,
    response: 'json', doc: `${DOC}/Deleting_Permanent_Assets.html`,
  }),
  materialCount: endpoint<MaterialCount>()({
    title: '获取素材总数', method: 'GET', path: '/cgi-bin/material/get_materialcount', kind: 'read', response: 'json',
    doc: `${DOC}/Get_the_total_of_all_materials.html`,
  }),
  materialBatchGet: endpoint<MaterialBatch>()({
    title: '获取素材列表', method: 'POST', path: '/cgi-bin/material/batchget_material', kind: 'read',
    request: MaterialBatchGetDto, response: 'json', doc: `${DOC}/Get_materials_list.html`,
  }),
} as const;

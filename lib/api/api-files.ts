/** A downloaded file. */
export interface DownloadedFile {
  data: Buffer;
  contentType: string | undefined;
  /** From `Content-Disposition`, when WeChat sends one. */
  fileName: string | undefined;
}

/** Download endpoints answer with the file, or with JSON for some kinds (a video's URL, a news material). */
export type DownloadResult =
  | { kind: 'file'; file: DownloadedFile }
  | { kind: 'json'; json: Record<string, unknown> };

/** A file for a multipart row's file field. */
export interface UploadFile {
  data: Uint8Array | Blob;
  fileName: string;
  contentType?: string;
}

import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly mimeType: string;
  /** At most the limit given to the parser. */
  readonly bytes: Buffer;
  /** The file was larger than the limit (the rest was discarded). */
  readonly truncated: boolean;
}

export interface MultipartForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly UploadedFile[];
}

const LIMITS = { fields: 20, fieldSize: 64 * 1024, files: 4, parts: 24 } as const;

/**
 * Reads a multipart/form-data request. Each file is buffered up to `maxFileBytes`; the rest is drained so the
 * connection stays usable. Rejects when the body is not multipart or is malformed.
 */
export function parseMultipart(req: IncomingMessage, maxFileBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { ...LIMITS, fileSize: maxFileBytes } });
    } catch (error) {
      req.resume();
      reject(error);
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
      });
      pending.push(
        new Promise((done, failed) => {
          stream.on('data', (chunk: Buffer) => {
            if (!truncated) chunks.push(chunk);
          });
          stream.on('error', failed);
          stream.on('end', () => {
            files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, bytes: Buffer.concat(chunks), truncated });
            done();
          });
        }),
      );
    });
    parser.on('error', (error) => {
      req.unpipe(parser);
      req.resume();
      reject(error);
    });
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve({ fields, files }), reject);
    });
    req.pipe(parser);
  });
}

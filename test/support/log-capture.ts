import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line, so specs can assert what was logged (and that no secret was). */
export class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  private record(level: string, message: unknown, params: unknown[]): void {
    this.lines.push([level, message, ...params].map((p) => (p instanceof Error ? `${p.message}\n${p.stack}` : String(p))).join(' '));
  }
  log(message: unknown, ...params: unknown[]) { this.record('log', message, params); }
  error(message: unknown, ...params: unknown[]) { this.record('error', message, params); }
  warn(message: unknown, ...params: unknown[]) { this.record('warn', message, params); }
  debug(message: unknown, ...params: unknown[]) { this.record('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]) { this.record('verbose', message, params); }
  fatal(message: unknown, ...params: unknown[]) { this.record('fatal', message, params); }
  text(): string { return this.lines.join('\n'); }
}

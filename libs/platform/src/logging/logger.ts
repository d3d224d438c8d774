import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config.js';

/** Structured JSON logs on stdout. */
export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'ideas-lab-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'password', 'refreshToken', '*.password'],
      remove: true,
    },
  });
}

const WIRING_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Nest's own messages (module wiring, route mapping, errors) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    // Nest's start-up chatter (every module and route) is debug detail, not news.
    this.write(context && WIRING_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    this.write('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
  ) {
    if (message instanceof Error) {
      // Nest's ExceptionHandler hands over the error itself (e.g. a module that cannot be
      // built at start): keep its message and stack, not an empty object.
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { err, ...rest } = message as { err?: unknown } & Record<string, unknown>;
      const text = typeof rest.msg === 'string' ? rest.msg : undefined;
      this.logger[level](
        { context, ...rest, ...(err instanceof Error ? { err } : {}) },
        text ?? context ?? '',
      );
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}

// The one error type that crosses layers: a kind from the closed set and a message in the user's words.
import type { ErrorKind } from './error-kind.js';

export class TsmobyError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TsmobyError';
    this.kind = kind;
  }
}

export class InvalidArgumentError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-argument', message, options);
  }
}

export class NotFoundError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-found', message, options);
  }
}

export class ConflictError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
  }
}

export class PermissionDeniedError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('permission-denied', message, options);
  }
}

export class UnavailableError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', message, options);
  }
}

export class NotImplementedError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-implemented', message, options);
  }
}

export class CannotInvokeError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('cannot-invoke', message, options);
  }
}

export class CommandNotFoundError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('command-not-found', message, options);
  }
}

export class InternalError extends TsmobyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
  }
}

/** Node system errors (ENOENT, EACCES, ...) as they come from fs, child_process and the addon. */
export interface SystemError extends Error {
  code: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

export function isSystemError(err: unknown, code?: string): err is SystemError {
  if (!(err instanceof Error) || typeof (err as SystemError).code !== 'string') return false;
  return code === undefined || (err as SystemError).code === code;
}

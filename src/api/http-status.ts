// Errors on the API: a TsmobyError's kind picks the status (the one table in errors/error-kind.ts), the body is
// Docker's `{"message": "..."}`. Anything untyped is a 500 with its message, never a stack.
import { httpStatusByKind } from '../errors/error-kind.js';
import { TsmobyError } from '../errors/tsmoby-error.js';

export function httpStatusOf(err: unknown): number {
  return err instanceof TsmobyError ? httpStatusByKind[err.kind] : 500;
}

export function errorMessageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The body Docker sends with every error status. */
export function errorBody(err: unknown): { message: string } {
  return { message: errorMessageOf(err) };
}

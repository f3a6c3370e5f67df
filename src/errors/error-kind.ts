// The closed set of error kinds. Before adding one, ask whether an existing kind already says it:
// every kind needs a row in both tables below, and clients branch on the HTTP status it maps to.

export type ErrorKind =
  | 'invalid-argument'
  | 'not-found'
  | 'conflict'
  | 'permission-denied'
  | 'unavailable'
  | 'not-implemented'
  | 'cannot-invoke'
  | 'command-not-found'
  | 'internal';

/** Exit codes as Podman and Docker use them: 125 for the engine, 126/127 for the container's command. */
export const exitCodeByKind: Readonly<Record<ErrorKind, number>> = {
  'invalid-argument': 125,
  'not-found': 125,
  conflict: 125,
  'permission-denied': 125,
  unavailable: 125,
  'not-implemented': 125,
  'cannot-invoke': 126,
  'command-not-found': 127,
  internal: 125,
};

/** HTTP status per kind, as the Docker Engine API answers (moby errdefs). */
export const httpStatusByKind: Readonly<Record<ErrorKind, number>> = {
  'invalid-argument': 400,
  'not-found': 404,
  conflict: 409,
  'permission-denied': 403,
  unavailable: 503,
  'not-implemented': 501,
  'cannot-invoke': 400,
  'command-not-found': 400,
  internal: 500,
};

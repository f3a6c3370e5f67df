export * from './error-kind.js';
export * from './tsmoby-error.js';

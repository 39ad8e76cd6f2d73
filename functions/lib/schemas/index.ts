/**
 * Request and response shapes, shared by the handlers (validation in, validation out), the
 * OpenAPI document and the console. Request objects are strict: unknown fields are a 400.
 */
export * from './common';
export * from './catalog';
export * from './projects';
export * from './ledger';
export * from './alerts';
export * from './problem';
export * from './portfolio';
export * from './statements';
export { buildAllSchemas } from '../../../domain/schema/lazy';
export * from './budget';

export * from './evidence';

export * from './config/app-config.js';
export * from './errors/app-error.js';
export * from './errors/validation.js';
export * from './errors/error.filter.js';
export * from './auth/auth.decorators.js';
export * from './audit/audit.service.js';
export * from './audit/audit-chain.js';
export * from './audit/entities/audit-event.entity.js';
export * from './database/transactions.js';
export * from './database/embedded-postgres.js';
export * from './database/migrate.js';
export * from './database/data-source-options.js';
export * from './http/api-errors.decorator.js';
export * from './logging/logger.js';
export * from './platform.module.js';

import { AuditEventEntity } from './audit/entities/audit-event.entity.js';
export const platformEntities = [AuditEventEntity];
export * from './database/postgres-server.js';

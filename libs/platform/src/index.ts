export * from './config/app-config.js';
export * from './errors/app-error.js';
export * from './errors/error.filter.js';
export * from './auth/auth.decorators.js';
export * from './auth/access-changes.js';
export * from './audit/audit.service.js';
export * from './audit/audit-chain.js';
export * from './audit/entities/audit-event.entity.js';
export * from './database/transactions.js';
export * from './database/raw-results.js';
export * from './database/batched-reads.js';
export * from './database/embedded-postgres.js';
export * from './database/migrate.js';
export * from './database/data-source-options.js';
export * from './http/uuid-param.js';
export * from './http/api-prefix.js';
export * from './http/input-limits.js';
export * from './http/request-limits.js';
export * from './logging/logger.js';
export * from './platform.module.js';

import { AuditEventEntity } from './audit/entities/audit-event.entity.js';
export const platformEntities = [AuditEventEntity];
export * from './database/postgres-server.js';
export * from './realtime/realtime.port.js';
export * from './realtime/socket-io-realtime.js';
export * from './realtime/realtime-io.adapter.js';
export * from './security/secret-tokens.js';
export * from './scheduling/poller.js';
export * from './solvers/solver-pool.js';
export * from './solvers/solver.errors.js';
export type {
  SolverInput,
  SolverOutput,
  SolverTaskName,
  SolverTasks,
} from './solvers/solver-tasks.js';
export * from './solvers/inputs-fingerprint.js';
export * from './errors/error-catalogue.js';
export * from './contract/contract-problems.js';
export * from './contract/contract-validation.pipe.js';
export * from './contract/endpoint.decorator.js';
export * from './contract/describe-endpoints.js';
export * from './contract/error-body.contract.js';
export * from './contract/openapi-document.js';
export * from './contract/contract-schemas.js';
export * from './audit/audit.contract.js';

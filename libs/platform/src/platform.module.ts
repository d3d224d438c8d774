import { DynamicModule, Global, Module } from '@nestjs/common';
import { AccessChanges } from './auth/access-changes.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { AppConfig } from './config/app-config.js';
import { TransactionRunner } from './database/transactions.js';
import { HealthController } from './health/health.controller.js';
import { HealthRepository } from './health/health.repository.js';
import { SolverPool } from './solvers/solver-pool.js';

/** Configuration, transactions, access changes, audit, health and the solver pool: available to every feature module. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        TransactionRunner,
        AccessChanges,
        AuditRepository,
        AuditService,
        HealthRepository,
        {
          provide: SolverPool,
          useFactory: () =>
            new SolverPool({
              threads: config.solverThreads,
              timeLimitMs: config.solverTimeLimitSeconds * 1000,
            }),
        },
      ],
      exports: [AppConfig, TransactionRunner, AccessChanges, AuditService, SolverPool],
    };
  }
}

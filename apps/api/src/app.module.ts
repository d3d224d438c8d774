import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, PlatformModule, postgresOptions } from '@ideas-lab/platform';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { ApplicationsModule } from '@ideas-lab/applications';
import { WorkshopModule } from '@ideas-lab/workshop';
import { ReviewModule } from '@ideas-lab/review';
import { LiveModule } from '@ideas-lab/live';
import { SelectionModule } from '@ideas-lab/selection';
import { IdeasModule } from '@ideas-lab/ideas';
import { ProposalsModule } from '@ideas-lab/proposals';
import { FormationModule } from '@ideas-lab/formation';
import { ProposalReviewModule } from '@ideas-lab/proposal-review';
import { PitchesModule } from '@ideas-lab/pitches';
import { FundingModule } from '@ideas-lab/funding';
import { migrations } from '../../../migrations/index.js';
import { entities } from './database.js';

@Module({})
export class AppModule {
  /** The whole API for one configuration and one (already migrated) database. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        TypeOrmModule.forRoot(
          postgresOptions({
            url: databaseUrl,
            entities,
            migrations,
            poolSize: config.databasePoolSize,
          }),
        ),
        IdentityModule,
        LabsModule,
        ApplicationsModule,
        WorkshopModule,
        ReviewModule,
        LiveModule,
        SelectionModule,
        IdeasModule,
        ProposalsModule,
        FormationModule,
        ProposalReviewModule,
        PitchesModule,
        FundingModule,
      ],
    };
  }
}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '@ideas-lab/platform';
import { AccountController, AuthController } from './auth.controller.js';
import { AccessGuard } from './guards/access.guard.js';
import { IdentityService } from './identity.service.js';
import { jwtSecretKey } from './jwt-key.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { LocalStrategy } from './strategies/local.strategy.js';
import { TokenEpochs } from './token-epochs.js';
import { TokensService } from './tokens.service.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: jwtSecretKey(config),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, AccountController],
  providers: [
    UsersRepository,
    RefreshTokensRepository,
    LoginThrottleRepository,
    PasswordHasher,
    TokenEpochs,
    TokensService,
    IdentityService,
    LocalStrategy,
    JwtStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [IdentityService],
})
export class IdentityModule {}

export * from './identity.module.js';
export * from './identity.service.js';
export * from './identity.errors.js';
export * from './identity.contract.js';
export { REFRESH_COOKIE, REFRESH_CSRF_HEADER, sessionWithCookie } from './refresh-cookie.js';
export * from './entities/user.entity.js';
export * from './entities/refresh-token.entity.js';
export * from './entities/login-throttle.entity.js';

import { LoginThrottleEntity } from './entities/login-throttle.entity.js';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';
import { UserEntity } from './entities/user.entity.js';

export const identityEntities = [UserEntity, RefreshTokenEntity, LoginThrottleEntity];

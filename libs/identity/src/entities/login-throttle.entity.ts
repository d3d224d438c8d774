import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins (reserved attempts) in the current window, per account from one address
 * (`account-address:…`), per account (`account:…`) and per address (`address:…`).
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'login_throttle_pkey' })
  key: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz', name: 'window_started_at' })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', name: 'last_failure_at', default: () => 'now()' })
  lastFailureAt: Date;
}

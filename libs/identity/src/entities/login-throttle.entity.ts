import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins in the current window, per account (`email:…`) and per address (`ip:…`). */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'login_throttle_pkey' })
  key: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz', name: 'window_started_at' })
  windowStartedAt: Date;
}

import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's recommended cost (OWASP: m=19 MiB, t=2 is the floor). */
@Injectable()
export class PasswordHasher {
  private readonly options = {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  } as const;
  /** A hash to verify against when the account does not exist, so timing says nothing. */
  private dummyHash: Promise<string> | null = null;

  /**
   * Passwords are hashed and compared in Unicode NFC, so "é" typed as one character or as "e"
   * and a combining accent (keyboards and systems differ) is the same password.
   */
  hash(password: string): Promise<string> {
    return argon2.hash(password.normalize('NFC'), this.options);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const target =
      hash ?? (await (this.dummyHash ??= argon2.hash('not-a-real-password', this.options)));
    const normalised = password.normalize('NFC');
    try {
      if ((await argon2.verify(target, normalised)) && hash !== null) return true;
      // A hash made before passwords were normalised holds the password as it was typed.
      return normalised !== password && (await argon2.verify(target, password)) && hash !== null;
    } catch {
      return false;
    }
  }
}

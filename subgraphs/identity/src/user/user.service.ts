import { eq, inArray } from 'drizzle-orm';
import { inTenant, loadByIds, type Db } from '@etika/kit';
import type { Locale } from '@etika/schema';
import { recordUserChanged } from './user.events.ts';
import { users } from '../tables.ts';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly mfaEnabled: boolean;
  readonly language: string;
  readonly createdAt: Date;
}

const columns = { id: users.id, email: users.email, mfaEnabled: users.totpEnabled, language: users.locale, createdAt: users.createdAt };

export class UserService {
  constructor(private readonly db: Db) {}

  /** One query for a whole `_entities` batch, answered in the order asked. */
  async byIds(ids: readonly string[]): Promise<(UserRecord | null)[]> {
    return loadByIds(ids, (valid) => inTenant(this.db, { orgId: null, userId: null }, (tx) => tx.select(columns).from(users).where(inArray(users.id, valid))), (r) => r.id);
  }

  /** The language mail and notifications reach the person in; the notification subgraph learns it by event. */
  async setLanguage(userId: string, locale: Locale): Promise<UserRecord> {
    return inTenant(this.db, { orgId: null, userId }, async (tx) => {
      const [row] = await tx.update(users).set({ locale }).where(eq(users.id, userId)).returning(columns);
      await recordUserChanged(tx, userId);
      return row!;
    });
  }
}

import { inArray } from 'drizzle-orm';
import { inTenant, loadByIds, type Db } from '@etika/kit';
import { users } from '../tables.ts';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly mfaEnabled: boolean;
  readonly createdAt: Date;
}

const columns = { id: users.id, email: users.email, mfaEnabled: users.totpEnabled, createdAt: users.createdAt };

export class UserService {
  constructor(private readonly db: Db) {}

  /** One query for a whole `_entities` batch, answered in the order asked. */
  async byIds(ids: readonly string[]): Promise<(UserRecord | null)[]> {
    return loadByIds(ids, (valid) => inTenant(this.db, { orgId: null, userId: null }, (tx) => tx.select(columns).from(users).where(inArray(users.id, valid))), (r) => r.id);
  }
}

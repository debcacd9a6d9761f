import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { bigint, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { EVENT_TYPES, principalActor, principalOrgId, type AuditRecorded, type Principal } from '@etika/schema';
import type { Db, Tx } from './db.ts';
import type { Logger } from './logger.ts';
import { recordEvent } from './outbox.ts';
import { inTenant, scopeOf } from './tenant.ts';

/** The kit-owned audit table every subgraph has in its own schema (created by `migrateSubgraph`). */
export function auditLogTable(schemaName: string) {
  return pgSchema(schemaName).table('audit_log', {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid('org_id'),
    actor: text('actor').notNull(),
    operation: text('operation').notNull(),
    outcome: text('outcome').notNull(),
    errorCode: text('error_code'),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  });
}

type AuditRow = Omit<AuditRecorded, 'subgraph' | 'at'>;

/**
 * Writes audit rows and, in the same transaction, one `audit.recorded` event each in the subgraph's outbox: the
 * organisation-wide trail (analytics) hears of every record that exists, and of no other.
 */
async function writeAudit(tx: Tx, schemaName: string, rows: readonly AuditRow[]): Promise<void> {
  const at = new Date();
  await tx.insert(auditLogTable(schemaName)).values(rows.map((r) => ({ ...r, at })));
  for (const r of rows) {
    // the trail is the organisations': a record outside any (a sign-in) stays in the subgraph's own log
    if (!r.orgId) continue;
    const payload: AuditRecorded = { ...r, subgraph: schemaName, at: at.toISOString() };
    await recordEvent(tx, schemaName, EVENT_TYPES.auditRecorded, r.orgId, payload);
  }
}

export interface AuditContext extends BaseContext {
  readonly principal: Principal;
  readonly requestId: string;
  readonly audited: Set<string>;
}

/**
 * The success record of a mutation field, written inside the transaction that makes its change: the change and
 * its audit row commit together, and the plugin below skips that field. Use it on the commit that ends a
 * mutation (nothing may fail after it); every other mutation is audited by the plugin.
 */
export function auditInTransaction(ctx: AuditContext, schemaName: string, operation: string): (tx: Tx) => Promise<void> {
  return async (tx) => {
    await writeAudit(tx, schemaName, [{
      orgId: principalOrgId(ctx.principal),
      actor: principalActor(ctx.principal),
      operation,
      outcome: 'success',
      errorCode: null,
      requestId: ctx.requestId,
    }]);
    ctx.audited.add(operation);
  };
}

function rootFields(operation: OperationDefinitionNode): { responseKey: string; field: string }[] {
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [{ responseKey: s.alias?.value ?? s.name.value, field: s.name.value }] : [],
  );
}

/**
 * Records every mutation root field with who did it, in which organisation, and how it ended. It lives in the
 * kit's server, so no subgraph can forget it; it writes after the operation, in its own transaction, so failed
 * operations are recorded (and their events emitted) too, though their own transaction rolled back.
 */
export function auditPlugin<TContext extends AuditContext>(schemaName: string, db: Db, logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response }) {
          if (operation?.operation !== 'mutation') return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const { principal, requestId } = contextValue;
          const rows = rootFields(operation).flatMap(({ responseKey, field }): AuditRow[] => {
            const error = errors.find((e) => e.path?.[0] === responseKey);
            if (!error && contextValue.audited.has(field)) return [];
            const code = error?.extensions?.['code'];
            return [{
              orgId: principalOrgId(principal),
              actor: principalActor(principal),
              operation: field,
              outcome: error ? ('failure' as const) : ('success' as const),
              errorCode: typeof code === 'string' ? code : error ? 'INTERNAL_SERVER_ERROR' : null,
              requestId,
            }];
          });
          if (rows.length === 0) return;
          try {
            await inTenant(db, scopeOf(principal), (tx) => writeAudit(tx, schemaName, rows));
          } catch (err) {
            logger.error({ err, requestId }, 'audit write failed');
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { bigint, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { principalActor, principalOrgId, type Principal } from '@etika/schema';
import type { Db, Tx } from './db.ts';
import type { Logger } from './logger.ts';
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
  const table = auditLogTable(schemaName);
  return async (tx) => {
    await tx.insert(table).values({
      orgId: principalOrgId(ctx.principal),
      actor: principalActor(ctx.principal),
      operation,
      outcome: 'success',
      errorCode: null,
      requestId: ctx.requestId,
    });
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
 * operations are recorded too.
 */
export function auditPlugin<TContext extends AuditContext>(schemaName: string, db: Db, logger: Logger): ApolloServerPlugin<TContext> {
  const table = auditLogTable(schemaName);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response }) {
          if (operation?.operation !== 'mutation') return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const { principal, requestId } = contextValue;
          const rows = rootFields(operation).flatMap(({ responseKey, field }) => {
            const error = errors.find((e) => e.path?.[0] === responseKey);
            if (!error && contextValue.audited.has(field)) return [];
            const code = error?.extensions?.['code'];
            return [{
              orgId: principalOrgId(principal),
              actor: principalActor(principal),
              operation: field,
              outcome: error ? 'failure' : 'success',
              errorCode: typeof code === 'string' ? code : error ? 'INTERNAL_SERVER_ERROR' : null,
              requestId,
            }];
          });
          if (rows.length === 0) return;
          try {
            await inTenant(db, scopeOf(principal), (tx) => tx.insert(table).values(rows));
          } catch (err) {
            logger.error({ err, requestId }, 'audit write failed');
          }
        },
      };
    },
  };
}

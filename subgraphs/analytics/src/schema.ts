import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { AuditResolver } from './audit/audit.resolver.ts';
import { AuditCsvResolver, BalanceCsvResolver, HoldersCsvResolver, MembershipCsvResolver, TokenAnalyticsCsvResolver } from './csv/csv.resolver.ts';
import { HoldersResolver } from './holders/holders.resolver.ts';
import { UserRef } from './holders/holders.type.ts';
import { SeriesResolver } from './series/series.resolver.ts';

export function buildAnalyticsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [SeriesResolver, HoldersResolver, AuditResolver, TokenAnalyticsCsvResolver, MembershipCsvResolver, BalanceCsvResolver, HoldersCsvResolver, AuditCsvResolver],
    orphanedTypes: [UserRef],
  });
}

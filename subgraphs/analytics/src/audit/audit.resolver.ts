import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../context.ts';
import { AuditOutcome, AuditPage, AuditTrailFilter } from './audit.type.ts';

@Resolver(() => AuditPage)
export class AuditResolver {
  @Query(() => AuditPage, { description: "Every audited mutation of the active organisation across the platform, newest first." })
  @Directive('@requiresScopes(scopes: [["audit:read"]])')
  async auditTrail(
    @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter: AuditTrailFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AnalyticsContext,
  ): Promise<AuditPage> {
    const page = await ctx.audit.page(ctx.principal, filter ?? {}, first, after);
    return { entries: page.entries.map((e) => ({ ...e, outcome: e.outcome as AuditOutcome })), next: page.next };
  }
}

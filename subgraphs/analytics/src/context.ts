import type { RequestInfo } from '@etika/kit';
import type { AuditService } from './audit/audit.service.ts';
import type { SeriesService } from './series/series.service.ts';

export interface AnalyticsContext extends RequestInfo {
  readonly series: SeriesService;
  readonly audit: AuditService;
}

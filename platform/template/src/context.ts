import type { RequestInfo } from '@etika/kit';
import type { ItemService } from './item/item.service.ts';

export interface __Name__Context extends RequestInfo {
  readonly items: ItemService;
}

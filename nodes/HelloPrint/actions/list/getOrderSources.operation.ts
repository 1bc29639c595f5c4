/** Order sources: the guide's "default order source". */
import { listOperation } from './factory';

export const { description, runItem } = listOperation('getOrderSources', 'orderSources');

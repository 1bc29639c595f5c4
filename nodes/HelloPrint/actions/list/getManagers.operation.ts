/** Managers: the guide's "default manager" is chosen from this list. */
import { listOperation } from './factory';

export const { description, runItem } = listOperation('getManagers', 'managers');

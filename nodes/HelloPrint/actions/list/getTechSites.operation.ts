/** Technical sites (тех. участки): the guide's "default technical site". */
import { listOperation } from './factory';

export const { description, runItem } = listOperation('getTechSites', 'techSites');

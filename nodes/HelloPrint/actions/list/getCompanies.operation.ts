/** Companies (the shop's legal entities in HelloPrint): the guide's "default company". */
import { listOperation } from './factory';

export const { description, runItem } = listOperation('getCompanies', 'companies');

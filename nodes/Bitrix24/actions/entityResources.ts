import { sendCompanyToBitrix24 } from './order/sendCompany.operation';
import { crmResource } from './crm';

export const dealResource = crmResource('deal');
export const contactResource = crmResource('contact');
export const leadResource = crmResource('lead');
export const companyResource = crmResource('company', { sendToBitrix24: sendCompanyToBitrix24 }, [
	{ name: 'Send to Bitrix24', value: 'sendToBitrix24', action: 'Send a shop company to Bitrix24', description: 'Create the company of an Order item\'s customer unless it is already in Bitrix24' },
]);

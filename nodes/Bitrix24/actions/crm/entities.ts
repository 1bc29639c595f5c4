/** The four CRM entities that share create / update / get / get many / delete. */
export type CrmEntity = 'deal' | 'contact' | 'company' | 'lead';

export const CRM_ENTITIES: Record<CrmEntity, { label: string; method: string; timelineType: string }> = {
	deal: { label: 'Deal', method: 'crm.deal', timelineType: 'deal' },
	contact: { label: 'Contact', method: 'crm.contact', timelineType: 'contact' },
	company: { label: 'Company', method: 'crm.company', timelineType: 'company' },
	lead: { label: 'Lead', method: 'crm.lead', timelineType: 'lead' },
};

/** Phone types as Bitrix24 names them; the guide asks for "Мобильный" = MOBILE. */
export const PHONE_TYPES = ['FAX', 'HOME', 'MAILING', 'MOBILE', 'OTHER', 'PAGER', 'WORK'];
/** E-mail types; the guide asks for "Частный" = HOME. */
export const EMAIL_TYPES = ['HOME', 'MAILING', 'OTHER', 'WORK'];

import type { OrderCustomer } from '../../../shared/order';

export interface PersonName {
	surname: string;
	name: string;
	patronymic: string;
}

/** Reports a bad field of the item: `fail(field, problem)` throws. */
export type FieldFailure = (field: string, problem: string) => never;

/**
 * Splits the customer into HelloPrint's surname, name and patronymic.
 *
 * 1. When `customer.firstName` is given, the parts are used as they are
 *    (`lastName` -> surname, `firstName` -> name, `middleName` -> patronymic, missing parts empty).
 * 2. Otherwise `customer.name` is read in Russian order, "Фамилия Имя Отчество":
 *    - three words: surname, name, patronymic;
 *    - two words: surname and name, no patronymic ("Иванов Иван");
 *    - one word: the name only, no surname or patronymic ("Иван");
 *    - more than three: surname, name, and the rest as the patronymic
 *      ("Мамедов Руслан Ильхам оглы" -> patronymic "Ильхам оглы");
 *    - nothing: an error naming `customer.name` (HelloPrint needs at least a name).
 */
export function splitCustomerName(customer: OrderCustomer, fail: FieldFailure): PersonName {
	const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
	if (clean(customer.firstName)) {
		return { surname: clean(customer.lastName), name: clean(customer.firstName), patronymic: clean(customer.middleName) };
	}
	const words = clean(customer.name).split(' ').filter(Boolean);
	if (words.length === 0) {
		return fail('customer.name', 'is missing: HelloPrint needs the customer\'s name (give customer.name "Фамилия Имя Отчество" or customer.firstName)');
	}
	if (words.length === 1) return { surname: '', name: words[0], patronymic: '' };
	return { surname: words[0], name: words[1], patronymic: words.slice(2).join(' ') };
}

/**
 * Seed data for the fake Pixlpark: orders, items, users and comments shaped like the real API
 * answers (shared/reference/pixlpark.md). Deterministic: the same seed gives the same shop.
 */
export type Raw = Record<string, unknown>;

export const STATUS_NAMES = [
	'None', 'Preparing', 'NotProcessed', 'AwaitingPayment', 'ReadyToProcessing', 'Printed', 'Shipped', 'Cancelled',
	'Delivered', 'DesignCoordination', 'DesignCoordinationComplete', 'Printing', 'ShippedToStorage', 'Refused',
	'DesignCoordinationAwaitingReply', 'Deleted', 'PrepressCoordination', 'PrepressCoordinationComplete',
	'PrepressCoordinationAwaitingReply', 'PrintedWithDefect', 'Returned', 'CancelledWithDefect', 'PostPress',
];

/** The `/Date(ms)/` form the API uses in its answers. */
export function msDate(ms: number): string {
	return `/Date(${ms})/`;
}

export function parseMsDate(value: unknown): number {
	const m = /^\/Date\((-?\d+)/.exec(String(value));
	return m ? Number(m[1]) : Date.parse(String(value));
}

/** A small deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = ['Ivan', 'Maria', 'Olga', 'Petr', 'Anna', 'Sergey'];
const LAST = ['Ivanov', 'Petrova', 'Sidorova', 'Smirnov', 'Kuznetsova', 'Popov'];
const PRODUCTS = ['Photo book 20x20', 'Canvas 30x40', 'Calendar A4', 'Mug with photo', 'Prints 10x15'];

export function makeUser(id: number, random: () => number, company = false): Raw {
	const first = FIRST[Math.floor(random() * FIRST.length)];
	const last = LAST[Math.floor(random() * LAST.length)];
	return {
		Id: id,
		FirstName: first,
		LastName: last,
		MiddleName: null,
		Email: `user${id}@example.com`,
		Phone: `+7900${String(1000000 + id).slice(-7)}`,
		DateCreated: msDate(1_600_000_000_000 + id * 1000),
		CompanyAccount: company ? { Id: 500 + id, Name: `Print Buyer LLC ${id}`, Inn: `77${String(10000000 + id).slice(-8)}` } : null,
	};
}

export function makeItems(orderId: number, random: () => number): Raw[] {
	const count = 1 + Math.floor(random() * 3);
	const items: Raw[] = [];
	for (let i = 0; i < count; i++) {
		const quantity = 1 + Math.floor(random() * 4);
		const price = 100 + Math.floor(random() * 20) * 50;
		items.push({
			Id: orderId * 10 + i,
			OrderId: orderId,
			MaterialId: 700 + Math.floor(random() * 5),
			Name: PRODUCTS[Math.floor(random() * PRODUCTS.length)],
			Description: 'Made in the fake shop',
			Quantity: quantity,
			ItemPrice: price,
			TotalPrice: price * quantity,
			DiscountPrice: 0,
			PageCount: 20,
			SkuItems: [
				{ Name: 'Cover', Value: random() < 0.5 ? 'Hard' : 'Soft' },
				{ Name: 'Paper', Value: 'Matte' },
			],
			Options: [{ Title: 'Gift box', Description: 'Yes', Price: 150 }],
			Comment: i === 0 ? 'Please check the faces' : '',
		});
	}
	return items;
}

export function makeOrder(id: number, userId: number, createdMs: number, items: Raw[], random: () => number, company: Raw | null): Raw {
	const price = items.reduce((sum, it) => sum + Number(it.TotalPrice), 0);
	const delivery = 300;
	const discount = random() < 0.3 ? 100 : 0;
	const total = price + delivery - discount;
	const paid = random() < 0.5;
	return {
		Id: id,
		CustomId: `PP-${id}`,
		Title: `Order ${id}`,
		Status: paid ? 'ReadyToProcessing' : 'AwaitingPayment',
		PaymentStatus: paid ? 'Paid' : 'NotPaid',
		RenderStatus: 'ArchiveSuccess',
		DeliveryAddress: {
			ZipCode: '101000',
			AddressLine1: `Tverskaya st. ${id % 50}`,
			AddressLine2: 'Apt. 5',
			Description: 'Ring twice',
			City: 'Moscow',
			Country: 'Russia',
			State: 'Moscow',
			FullName: 'Recipient Name',
			Phone: '+79001112233',
		},
		Shipping: { Id: 3, Title: 'Courier in Moscow', Phone: '+74950000000', Email: 'courier@example.com', Type: 'Courier' },
		DownloadLink: `https://files.pixlpark.example/orders/${id}.zip`,
		PreviewImageUrl: `https://files.pixlpark.example/orders/${id}.jpg`,
		Price: price,
		DiscountPrice: discount,
		DeliveryPrice: delivery,
		TotalPrice: total,
		PaidPrice: paid ? total : 0,
		UserId: userId,
		UserCompanyAccountId: company ? company.Id : 0,
		ManagerId: 0,
		CommentsCount: 0,
		DateCreated: msDate(createdMs),
		DateModified: msDate(createdMs),
		DatePaid: paid ? msDate(createdMs + 60_000) : null,
		DateReady: null,
		TrackingNumber: null,
		TrackingUrl: null,
	};
}

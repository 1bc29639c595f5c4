/** Pixlpark order statuses: the API name and its numeric code (shared/reference/pixlpark.md). */
export const PIXLPARK_STATUSES: ReadonlyArray<{ name: string; code: number; label: string }> = [
	{ name: 'None', code: 1, label: 'None' },
	{ name: 'Preparing', code: 2, label: 'Preparing' },
	{ name: 'NotProcessed', code: 3, label: 'Not processed' },
	{ name: 'AwaitingPayment', code: 4, label: 'Awaiting payment' },
	{ name: 'ReadyToProcessing', code: 5, label: 'Ready to processing (paid)' },
	{ name: 'Printed', code: 7, label: 'Printed' },
	{ name: 'Shipped', code: 8, label: 'Shipped' },
	{ name: 'Cancelled', code: 11, label: 'Cancelled' },
	{ name: 'Delivered', code: 12, label: 'Delivered' },
	{ name: 'DesignCoordination', code: 15, label: 'Design coordination' },
	{ name: 'DesignCoordinationComplete', code: 16, label: 'Design coordination complete' },
	{ name: 'Printing', code: 17, label: 'Printing' },
	{ name: 'ShippedToStorage', code: 18, label: 'Shipped to storage' },
	{ name: 'Refused', code: 19, label: 'Refused' },
	{ name: 'DesignCoordinationAwaitingReply', code: 20, label: 'Design coordination awaiting reply' },
	{ name: 'Deleted', code: 21, label: 'Deleted (deletes the order)' },
	{ name: 'PrepressCoordination', code: 22, label: 'Prepress coordination' },
	{ name: 'PrepressCoordinationComplete', code: 23, label: 'Prepress coordination complete' },
	{ name: 'PrepressCoordinationAwaitingReply', code: 24, label: 'Prepress coordination awaiting reply' },
	{ name: 'PrintedWithDefect', code: 25, label: 'Printed with defect' },
	{ name: 'Returned', code: 26, label: 'Returned' },
	{ name: 'CancelledWithDefect', code: 27, label: 'Cancelled with defect' },
	{ name: 'PostPress', code: 28, label: 'Post-press' },
];

/** Accepts a status name or its numeric code (as a number or a string) and returns the API name. */
export function normalizePixlparkStatus(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const byCode = PIXLPARK_STATUSES.find((s) => String(s.code) === text);
	if (byCode) return byCode.name;
	const byName = PIXLPARK_STATUSES.find((s) => s.name.toLowerCase() === text.toLowerCase());
	return byName?.name;
}

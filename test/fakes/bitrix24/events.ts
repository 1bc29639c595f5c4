/**
 * Outgoing webhooks, as a portal sends them: a form-encoded POST with bracket keys
 * (`event`, `event_handler_id`, `data[FIELDS][ID]`, `ts`, `auth[...]` incl. `auth[application_token]`).
 * Delivery is asynchronous (queued after the REST answer) and never retried, like the real one.
 * `sendEvent` posts one event by hand; `addOutgoingWebhook` makes REST writes (add/update/delete of
 * deals, contacts, companies, leads) emit ONCRM<ENTITY><ADD|UPDATE|DELETE> to a handler.
 */
import { buildPhpQuery } from './params';

export interface EventDelivery {
	url: string;
	event: string;
	id: number;
	/** HTTP status of the handler's answer; 0 when it could not be reached. */
	status: number;
	body: string;
}

export interface OutgoingWebhook {
	id: number;
	url: string;
	events: string[];
}

export interface SendEventOptions {
	/** Token to put into auth[application_token]; default: the fake's applicationToken. */
	applicationToken?: string;
	/** Extra `data` keys, e.g. { FIELDS: { ID: 5, ENTITY_TYPE_ID: 2 } } replaces the default. */
	data?: Record<string, unknown>;
	handlerId?: number;
}

export class EventHub {
	readonly webhooks: OutgoingWebhook[] = [];
	readonly deliveries: EventDelivery[] = [];
	private pending = new Set<Promise<void>>();

	constructor(
		private readonly portalUrl: () => string,
		private readonly token: string,
	) {}

	add(url: string, events: string[]): OutgoingWebhook {
		const hook = { id: this.webhooks.length + 1, url, events: events.map((e) => e.toUpperCase()) };
		this.webhooks.push(hook);
		return hook;
	}

	body(event: string, id: number, opts: SendEventOptions = {}): string {
		const host = new URL(this.portalUrl()).host;
		return buildPhpQuery({
			event: event.toUpperCase(),
			event_handler_id: opts.handlerId ?? 1,
			data: opts.data ?? { FIELDS: { ID: id } },
			ts: Math.floor(Date.now() / 1000),
			auth: {
				domain: host,
				client_endpoint: `${this.portalUrl()}/rest/`,
				server_endpoint: 'https://oauth.bitrix.info/rest/',
				member_id: 'fakememberid0123456789abcdef0123',
				application_token: opts.applicationToken ?? this.token,
			},
		});
	}

	async send(url: string, event: string, id: number, opts: SendEventOptions = {}): Promise<EventDelivery> {
		const delivery: EventDelivery = { url, event: event.toUpperCase(), id, status: 0, body: '' };
		try {
			const r = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: this.body(event, id, opts),
			});
			delivery.status = r.status;
			delivery.body = await r.text();
		} catch (e) {
			delivery.body = String(e);
		}
		this.deliveries.push(delivery);
		return delivery;
	}

	/** Called by REST writes: queues the event for every subscribed handler. */
	emit(event: string, id: number): void {
		for (const hook of this.webhooks) {
			if (!hook.events.includes(event)) continue;
			const p = new Promise<void>((resolve) => setImmediate(resolve))
				.then(() => this.send(hook.url, event, id, { handlerId: hook.id }))
				.then(() => undefined);
			this.pending.add(p);
			void p.finally(() => this.pending.delete(p));
		}
	}

	/** Resolves when every queued delivery has been attempted. */
	async flush(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}
}

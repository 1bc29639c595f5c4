import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface BucketLimits {
	capacity: number;
	drainPerSecond: number;
}

/** A portal as the transport needs it. `host` is safe to show; `restBase` holds the secret. */
export interface Bitrix24Portal {
	host: string;
	restBase: string;
	secrets: string[];
	limits: BucketLimits;
}

const PLAN_LIMITS: Record<string, BucketLimits> = {
	standard: { capacity: 50, drainPerSecond: 2 },
	enterprise: { capacity: 250, drainPerSecond: 5 },
};

function credentialError(node: INode, message: string): NodeOperationError {
	return new NodeOperationError(node, `Bitrix24 credential: ${message}`, {
		description: 'Open the Bitrix24 Webhook API credential and correct the field.',
	});
}

/** Validates the credential fields and builds the REST base URL `{portal}/rest/{user}/{code}`. */
export function readPortal(credentials: ICredentialDataDecryptedObject, node: INode): Bitrix24Portal {
	const rawUrl = String(credentials.portalUrl ?? '').trim();
	const secret = String(credentials.webhookSecret ?? '').trim();
	const userId = String(credentials.userId ?? '').trim();
	let url: URL;
	try {
		url = new URL(rawUrl);
	} catch {
		throw credentialError(node, `field "Portal URL" is not a valid address; expected https://company.bitrix24.ru`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw credentialError(node, 'field "Portal URL" must start with https://');
	}
	if (url.pathname.includes('/rest/')) {
		throw credentialError(node, 'field "Portal URL" must be the portal address only (https://company.bitrix24.ru); put the employee ID and the webhook code into their own fields');
	}
	if (!/^\d+$/.test(userId)) throw credentialError(node, 'field "ID of the Employee Who Created the Webhooks" must be a number');
	if (!/^[A-Za-z0-9_-]+$/.test(secret)) throw credentialError(node, 'field "Incoming Webhook Code" is empty or has characters a webhook code never has');
	const plan = String(credentials.rateLimit ?? 'standard');
	const limits =
		plan === 'custom'
			? { capacity: Math.max(1, Number(credentials.burst) || 50), drainPerSecond: Math.max(0.1, Number(credentials.requestsPerSecond) || 2) }
			: (PLAN_LIMITS[plan] ?? PLAN_LIMITS.standard);
	// Workers of one queue-mode n8n share the portal's bucket without talking to each other:
	// each keeps to its share of the rate and of the burst.
	const processes = Math.max(1, Math.floor(Number(credentials.processes) || 1));
	const shared = { capacity: Math.max(1, Math.floor(limits.capacity / processes)), drainPerSecond: limits.drainPerSecond / processes };
	const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
	return {
		host: url.host,
		restBase: `${base}/rest/${userId}/${secret}`,
		secrets: [secret, String(credentials.applicationToken ?? '')],
		limits: shared,
	};
}

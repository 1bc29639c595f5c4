/**
 * The n8n editor in headless Chromium, against a real n8n 2.41 with this package and the sandbox
 * (fake systems, sandbox credentials, the example workflows imported: test/fakes/sandbox.ts):
 *   - signs in as the owner through n8n's own sign-in page;
 *   - node panel: searching "Bitrix24", "Pixlpark", "ASystem", "HelloPrint", "1C" lists the
 *     package's nodes, each with its icon loaded in the page (naturalWidth > 0); together the
 *     searches reach every node of the package; every icon URL answers 200 with an SVG;
 *   - every example workflow opens on the canvas with exactly its non-sticky nodes (names and
 *     types), package node icons loaded, no error toast, no page error, no failed request.
 * Screenshots (1400x800) of the panel and of every workflow go to a temp folder, or, with
 * UI_SCREENSHOTS=docs/screenshots, to the README's images.
 *
 * Run: `npx jest -c jest.ui.config.js` (E2E_SKIP_BUILD=1 when dist/ is already built).
 * Chromium: Debian's /usr/bin/chromium (CHROMIUM_PATH to change); when it is missing the check is
 * skipped with the reason printed, never passed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

import { freePort } from '../e2e/n8n';
import { exampleWorkflows, runSandbox, type Sandbox } from '../fakes/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with the JS global setup
const { chromiumPath, CHROMIUM_ARGS } = require('./chromium.js') as { chromiumPath: () => string; CHROMIUM_ARGS: string[] };

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- n8n's JSON and DOM values
type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

const ROOT = resolve(__dirname, '..', '..');
const PACKAGE = 'n8n-nodes-pixlpark-erp';
const STICKY = 'n8n-nodes-base.stickyNote';
const SEARCHES = ['Bitrix24', 'Pixlpark', 'ASystem', 'HelloPrint', '1C'];
const VIEWPORT = { width: 1400, height: 800 };
const CHROMIUM = chromiumPath();
const HAVE_CHROMIUM = existsSync(CHROMIUM);

const SKIP_REASON = `editor check skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

if (!HAVE_CHROMIUM) {
	process.stderr.write(`\n[ui] ${SKIP_REASON}\n\n`);
	describe('n8n editor in headless Chromium', () => {
		test.skip(SKIP_REASON, () => undefined);
	});
} else {
	describe('n8n editor in headless Chromium', () => {
		const shotsDir = process.env.UI_SCREENSHOTS ? resolve(ROOT, process.env.UI_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'ui-screenshots-'));
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ui-'));
		let sandbox: Sandbox;
		let browser: Browser;
		let page: Page;
		let packageNodes: Json[] = [];
		const problems: string[] = [];
		const started = Date.now();

		const url = (path: string) => `${sandbox.n8n.baseUrl}${path}`;

		beforeAll(async () => {
			mkdirSync(shotsDir, { recursive: true });
			const ports = { bitrix24: await freePort(), pixlpark: await freePort(), asystem: await freePort(), helloprint: await freePort(), onec: await freePort() };
			sandbox = await runSandbox({ port: await freePort(), userFolder, activate: false, ports });
			const failed = sandbox.workflows.filter((w) => w.error);
			if (failed.length) throw new Error(`sandbox could not import: ${failed.map((w) => `${w.file}: ${w.error}`).join('; ')}`);

			const types = (await (await sandbox.n8n.fetch('/types/nodes.json')).json()) as Json[];
			packageNodes = types.filter((t) => String(t.name).startsWith(`${PACKAGE}.`));

			const { chromium } = await import('playwright-core');
			browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
			const context = await browser.newContext({ viewport: VIEWPORT });
			page = await context.newPage();
			page.setDefaultTimeout(60_000);
			await signIn(page);
			// After sign-in, anything that goes wrong in the page is a finding.
			page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
			page.on('response', (res) => {
				const path = new URL(res.url()).pathname;
				if (res.status() >= 400 && /^\/(rest|icons|types)\//.test(path)) problems.push(`${res.request().method()} ${path} -> ${res.status()}`);
			});
		});

		afterAll(async () => {
			await browser?.close().catch(() => undefined);
			await sandbox?.stop();
			rmSync(userFolder, { recursive: true, force: true });
			process.stderr.write(`\n[ui] editor check took ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${shotsDir}\n`);
		});

		async function signIn(p: Page) {
			await p.goto(url('/signin'));
			await p.locator('[data-test-id="emailOrLdapLoginId"] input').fill(sandbox.n8n.owner.email);
			await p.locator('[data-test-id="password"] input').fill(sandbox.n8n.owner.password);
			const [login] = await Promise.all([
				p.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/rest/login', { timeout: 30_000 }),
				p.locator('[data-test-id="form-submit-button"]').click(),
			]);
			if (!login.ok()) throw new Error(`sign-in as ${sandbox.n8n.owner.email} refused: ${login.status()} ${(await login.text()).slice(0, 300)}`);
			await p.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
		}

		async function errorToasts(p: Page): Promise<string[]> {
			return await p.locator('.el-notification').evaluateAll((toasts: Json[]) =>
				toasts
					.filter((t) => /error/.test(String(t.className)) || t.querySelector('[class*="error"]'))
					.map((t) => String(t.innerText).replace(/\s+/g, ' ').trim()),
			);
		}

		async function openWorkflow(id: string, expectedNodes: number) {
			await page.goto(url(`/workflow/${id}`));
			await page.waitForFunction(
				(count: number) => (globalThis as Json).document.querySelectorAll('[data-test-id="canvas-node"]').length >= count,
				expectedNodes,
				{ timeout: 60_000 },
			);
			// Icons are separate requests: wait until every canvas image has settled.
			await page.waitForFunction(() => [...(globalThis as Json).document.querySelectorAll('[data-test-id="canvas-node"] img')].every((img: Json) => img.complete), undefined, {
				timeout: 30_000,
			});
			await page.waitForLoadState('networkidle').catch(() => undefined);
		}

		test('signed in as the owner (not the sign-in page)', async () => {
			expect(new URL(page.url()).pathname).not.toMatch(/^\/signin/);
			// As the editor asks it: the session is bound to the browser id the editor keeps in localStorage.
			const me = await page.evaluate(async () => {
				const browserId = String((globalThis as Json).localStorage.getItem('n8n-browserId') ?? '');
				const res = await fetch('/rest/login', { headers: { 'browser-id': browserId } });
				return { status: res.status, email: res.ok ? ((await res.json()) as Json).data?.email : undefined };
			});
			expect(me).toEqual({ status: 200, email: sandbox.n8n.owner.email });
		});

		test('every package node icon URL answers 200 with an SVG', async () => {
			expect(packageNodes.length).toBeGreaterThanOrEqual(9);
			for (const node of packageNodes) {
				const icons = typeof node.iconUrl === 'string' ? [node.iconUrl] : Object.values(node.iconUrl ?? {});
				expect({ node: node.name, icons: icons.length }).toEqual({ node: node.name, icons: 2 }); // light and dark
				for (const icon of icons as string[]) {
					const res = await sandbox.n8n.fetch(`/${icon}`);
					const body = await res.text();
					expect({ icon, status: res.status, svg: /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(body) }).toEqual({ icon, status: 200, svg: true });
				}
			}
		});

		test('node panel: the package nodes show, with their icons loaded', async () => {
			const workflows = sandbox.workflows;
			await openWorkflow(workflows[0].id, 1);
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			await page.locator('[data-test-id="node-creator"]').waitFor();
			const seen = new Set<string>();
			const tiles: Array<{ term: string; png: Buffer }> = [];
			for (const term of SEARCHES) {
				const search = page.locator('[data-test-id="node-creator-search-bar"]');
				await search.fill(term);
				// The list is filtered as you type: wait until it shows a node of ours named with the term
				// (not the previous search's list, not only a description match).
				await page
					.waitForFunction(
						([pkg, text]: string[]) =>
							[...(globalThis as Json).document.querySelectorAll('[data-test-id="item-iterator-item"]')].some(
								(el: Json) =>
									String(el.getAttribute('data-keyboard-nav-id')).startsWith(`${pkg}.`) &&
									String(el.querySelector('[data-test-id="node-creator-item-name"]')?.innerText ?? '').toLowerCase().includes(text.toLowerCase()),
							),
						[PACKAGE, term],
						{ timeout: 15_000 },
					)
					.catch(() => {
						throw new Error(`node panel search "${term}": no node of ${PACKAGE} with "${term}" in its name appeared`);
					});
				await page.waitForTimeout(500); // let the list settle (it animates in)
				await page.waitForFunction(() => [...(globalThis as Json).document.querySelectorAll('[data-test-id="node-creator"] img')].every((img: Json) => img.complete), undefined, { timeout: 15_000 });
				const items: Array<{ type: string; name: string; icon: string; iconWidth: number }> = await page
					.locator('[data-test-id="item-iterator-item"]')
					.evaluateAll((els: Json[]) =>
						els.map((el) => {
							const img = el.querySelector('img');
							return {
								type: String(el.getAttribute('data-keyboard-nav-id') ?? '').replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, ''),
								name: String(el.querySelector('[data-test-id="node-creator-item-name"]')?.innerText ?? '').trim(),
								icon: String(img?.getAttribute('src') ?? ''),
								iconWidth: Number(img?.naturalWidth ?? 0),
							};
						}),
					);
				const ours = items.filter((i) => i.type.startsWith(`${PACKAGE}.`));
				expect({ term, found: ours.length > 0 }).toEqual({ term, found: true });
				// The term names at least one of them (not only a description match).
				expect({ term, named: ours.some((i) => i.name.toLowerCase().includes(term.toLowerCase())) }).toEqual({ term, named: true });
				for (const item of ours) {
					seen.add(item.type);
					expect({ item: item.name, iconFromPackage: item.icon.includes(`/icons/${PACKAGE}/`), loaded: item.iconWidth > 0 }).toEqual({ item: item.name, iconFromPackage: true, loaded: true });
				}
				const box = await page.locator('[data-test-id="node-creator"]').boundingBox();
				if (box) {
					const lastItem = await page.locator('[data-test-id="item-iterator-item"]').last().boundingBox();
					const bottom = Math.min(VIEWPORT.height, Math.max(box.y + 260, (lastItem ? lastItem.y + lastItem.height : box.y + 260) + 16));
					tiles.push({ term, png: await page.screenshot({ clip: { x: box.x, y: box.y, width: Math.min(box.width, VIEWPORT.width - box.x), height: bottom - box.y } }) });
				}
				if (term === 'Pixlpark') await page.screenshot({ path: join(shotsDir, 'node-panel.png') });
			}
			// n8n folds a trigger into the node of the same name (Bitrix24 Trigger under Bitrix24), and lists
			// the AI-tool variants (usableAsTool: <name>Tool) only in an agent's tool panel.
			const names = new Set(packageNodes.map((n) => String(n.name)));
			const panelNodes = packageNodes.filter((n) => !(String(n.name).endsWith('Tool') && names.has(String(n.name).replace(/Tool$/, ''))));
			expect(panelNodes.length).toBeGreaterThanOrEqual(9);
			const byDisplayName = new Map(panelNodes.map((n) => [String(n.displayName), String(n.name)]));
			const expected = new Set(panelNodes.map((n) => byDisplayName.get(String(n.displayName).replace(/ Trigger$/, '')) ?? String(n.name)));
			expect([...seen].sort()).toEqual([...expected].sort());
			expect(await errorToasts(page)).toEqual([]);
			await page.keyboard.press('Escape');
			await composePanel(tiles, join(shotsDir, 'node-panel-searches.png'));
		});

		/** One picture of the five searches side by side, drawn by the same browser. */
		async function composePanel(tiles: Array<{ term: string; png: Buffer }>, file: string) {
			const composer = await browser.newPage({ viewport: VIEWPORT });
			const cells = tiles
				.map((t) => `<figure><figcaption>search: <b>${t.term}</b></figcaption><img src="data:image/png;base64,${t.png.toString('base64')}"></figure>`)
				.join('');
			await composer.setContent(
				`<html><body style="margin:0;background:#f5f5f5;font:14px sans-serif;color:#333">
				<div style="display:flex;flex-wrap:wrap;gap:12px;padding:12px;align-items:flex-start">${cells}
				<figure style="width:360px;padding:16px"><b>${PACKAGE}</b> in the node panel of n8n 2.41
				(Settings &rarr; Community nodes). Triggers of the same system are listed inside its node.</figure></div>
				<style>figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;overflow:hidden}
				figcaption{padding:6px 10px;border-bottom:1px solid #eee}img{display:block;max-width:430px;max-height:380px}</style></body></html>`,
			);
			await composer.screenshot({ path: file, fullPage: true });
			await composer.close();
		}

		const files = exampleWorkflows().map((w) => w.file);
		test.each(files)('workflow %s opens on the canvas with its nodes', async (file) => {
			const entry = sandbox.workflows.find((w) => w.file === file);
			expect(entry?.id).toBeTruthy();
			const json = exampleWorkflows().find((w) => w.file === file)!.json;
			const expected = (json.nodes as Json[]).filter((n) => n.type !== STICKY).map((n) => ({ name: String(n.name), type: String(n.type) }));
			const before = problems.length;
			await openWorkflow(entry!.id, expected.length);
			const onCanvas: Array<{ name: string; type: string; icons: Array<{ src: string; width: number }> }> = await page
				.locator('[data-test-id="canvas-node"]')
				.evaluateAll((els: Json[]) =>
					els.map((el) => ({
						name: String(el.getAttribute('data-node-name')),
						type: String(el.getAttribute('data-node-type')),
						icons: [...el.querySelectorAll('img')].map((img: Json) => ({ src: String(img.getAttribute('src')), width: Number(img.naturalWidth) })),
					})),
				);
			const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
			expect(onCanvas.map(({ name, type }) => ({ name, type })).sort(byName)).toEqual([...expected].sort(byName));
			for (const node of onCanvas.filter((n) => n.type.startsWith(`${PACKAGE}.`))) {
				const ours = node.icons.filter((i) => i.src.includes(`/icons/${PACKAGE}/`));
				expect({ node: node.name, icon: ours.length > 0 && ours.every((i) => i.width > 0) }).toEqual({ node: node.name, icon: true });
			}
			// The workflow's title is in the header (the page is the workflow, not an error page).
			await page.getByText(String(json.name), { exact: true }).first().waitFor({ state: 'attached', timeout: 10_000 });
			expect(await errorToasts(page)).toEqual([]);
			expect(problems.slice(before)).toEqual([]);
			const warnings = await page.locator('[data-test-id="canvas-node-status-warning"]').count();
			if (warnings) process.stderr.write(`[ui] ${file}: ${warnings} node(s) show a warning (parameters to fill in, as the sticky notes say)\n`);
			await page.screenshot({ path: join(shotsDir, file.replace(/\.json$/, '.png')) });
		});

		test('no page errors or failed requests anywhere in the session', () => {
			expect(problems).toEqual([]);
		});
	});
}

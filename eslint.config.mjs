// Mirrors the configuration of n8n's own `n8n-node lint` (@n8n/node-cli), which cannot be
// installed on Node 20 here: the community-node rules, plus eslint-plugin-n8n-nodes-base's
// node, credential and package rules with the same few rules turned off as n8n does.
import js from '@eslint/js';
import { configs as communityNodes } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, communityNodes.recommended],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
			// 1C templates need a real CSV parser and CommerceML an XML builder (issue 9 asks for both).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		extends: [communityNodes.recommended],
		rules: {
			...n8nNodesBase.configs.community.rules,
			// Same reason as above: csv-parse and fast-xml-parser are the package's runtime dependencies.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// As in n8n-node lint: community credentials link full documentation URLs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// As in n8n-node lint: superseded by @n8n/community-nodes/credential-password-field.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// As in n8n-node lint: NodeConnectionTypes.Main is the current form of ['main'].
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);

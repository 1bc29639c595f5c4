const { src, dest, task } = require('gulp');

// tsc emits only JavaScript; n8n also needs each node's icons and codex file beside it.
function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:assets', copyAssets);

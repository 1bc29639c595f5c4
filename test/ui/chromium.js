// Where the editor check finds Chromium, and how it starts it (Debian's package, no downloaded
// browser). The flags keep Chromium off the network this machine does not have: without the
// background-networking ones it keeps trying Google's hosts.
function chromiumPath() {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

module.exports = { chromiumPath, CHROMIUM_ARGS };

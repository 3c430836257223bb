// The Chromium the end-to-end tests and the ui bench launch: Debian's package where it is installed (CI installs it),
// with the flags that keep it quiet in a sandbox-less container (no GPU, no background traffic).
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

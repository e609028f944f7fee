// Example host script: mounts connect-console into #connect-console with its clusters passed in
// (instead of the app fetching config.json). Cluster URLs are resolved against this page, so
// /connect/<name> is the reverse proxy on the host's origin.
if (!new URLSearchParams(location.search).has('manual')) {
  window.ConnectConsole.mount(document.getElementById('connect-console'), {
    config: {
      clusters: [{ id: 'alpha', name: 'alpha', flavor: 'apache', url: '/connect/alpha' }],
      pollIntervalMs: 5000,
      readOnly: true,
    },
    theme: 'dark',
  }).then(() => { document.body.dataset.consoleMounted = 'true'; });
}

// Baseline for make bench: fetch every cluster's expanded list, render all rows into one plain
// <table>, filter by rebuilding the rows, re-fetch and rebuild on every poll (paused while the
// tab is hidden). Deliberately naive: this is the "few lines of vanilla JS" yardstick.
const params = new URLSearchParams(location.search);
const clusters = (params.get('clusters') || '').split(',').filter(Boolean);
const poll = Number(params.get('poll') || 5000);
const tbody = document.getElementById('rows');
const q = document.getElementById('q');
let rows = [];

function toRow(cluster, name, { status, info }) {
  const tasks = status.tasks;
  const failedTask = tasks.some((t) => t.state === 'FAILED');
  const state = status.connector.state === 'RUNNING' && failedTask ? 'DEGRADED' : status.connector.state;
  const cfg = info.config;
  return {
    name, cluster: cluster.split('/').pop(), type: status.type,
    cls: (cfg['connector.class'] || '').split('.').pop(), state,
    tasks: `${tasks.filter((t) => t.state === 'RUNNING').length}/${tasks.length}`,
    workers: [...new Set(tasks.map((t) => t.worker_id))].length,
    topics: cfg.topics || cfg.topic || cfg['topics.regex'] || '',
    text: `${name} ${cfg['connector.class']} ${cfg.topics || cfg.topic || ''}`.toLowerCase(),
  };
}

function render() {
  const needle = q.value.trim().toLowerCase();
  const frag = document.createDocumentFragment();
  let n = 0;
  for (const r of rows) {
    if (needle && !r.text.includes(needle)) continue;
    const tr = document.createElement('tr');
    tr.dataset.testid = 'connector-row';
    for (const v of [r.name, r.cluster, r.type, r.cls, r.state, r.tasks, r.workers, r.topics]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    frag.appendChild(tr);
    n++;
  }
  tbody.replaceChildren(frag);
  document.getElementById('count').textContent = `${n} connectors`;
}

async function refresh() {
  const bodies = await Promise.all(clusters.map((c) =>
    fetch(`${c}/connectors?expand=status&expand=info`).then((r) => r.json())));
  rows = bodies.flatMap((body, i) => Object.entries(body).map(([name, e]) => toRow(clusters[i], name, e)));
  render();
}

q.addEventListener('input', render);
let timer = null;
function schedule() {
  clearTimeout(timer);
  if (!document.hidden) timer = setTimeout(() => refresh().finally(schedule), poll);
}
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) refresh().finally(schedule); else clearTimeout(timer);
});
refresh().finally(schedule);

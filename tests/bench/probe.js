// Injected into every benchmarked page before its own scripts (Page.addScriptToEvaluateOnNewDocument,
// which the page's CSP does not govern). Records, in performance.now() time since navigation:
//   firstRow      the first connector row in the DOM, and the paint after it
//   mutations[]   DOM mutations of the list (target inside LIST, or a row/list added), each with
//                 the paint that followed it
//   keys[]        keydown timestamps and the paint after the input event's handlers
//   longtasks[]   long tasks (> 50 ms)
//   wasmMemory    the app's WebAssembly.Memory (from trunk's TrunkApplicationStarted event)
// "The paint after" = a requestAnimationFrame callback, then a MessageChannel task: that task
// runs once the frame the rAF belonged to has been rendered.
(({ ROW, LIST }) => {
  if (window.__bench) return;
  const B = (window.__bench = {
    firstRow: null, mutations: [], keys: [], longtasks: [], wasmMemory: null, appStarted: null,
  });
  const afterPaint = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(performance.now());
    ch.port2.postMessage(0);
  });
  B.afterPaint = afterPaint;
  B.nextPaint = () => new Promise((ok) => afterPaint(ok));
  addEventListener('TrunkApplicationStarted', (e) => {
    B.appStarted = performance.now();
    B.wasmMemory = (e.detail && e.detail.wasm && e.detail.wasm.memory) || null;
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) { /* not supported */ }

  const isListNode = (n) => n.nodeType === 1 && (n.matches(LIST) || n.matches(ROW) || n.querySelector(ROW) !== null);
  const relevant = (records) => {
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest(LIST)) return true;
      for (const n of r.addedNodes) if (isListNode(n)) return true;
    }
    return false;
  };
  const mo = new MutationObserver((records) => {
    const t = performance.now();
    if (!B.firstRow && document.querySelector(ROW)) {
      const fr = (B.firstRow = { dom: t, paint: null });
      afterPaint((p) => { fr.paint = p; });
    }
    if (relevant(records)) {
      const m = { t, paint: null };
      B.mutations.push(m);
      if (B.mutations.length > 20000) B.mutations.splice(0, 10000);
      afterPaint((p) => { m.paint = p; });
    }
  });
  mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });

  addEventListener('keydown', (e) => {
    const k = { key: e.key, t: e.timeStamp, inputPaint: null };
    B.keys.push(k);
    // Bubble-phase listener on window: runs after the app's own input handlers.
    const onInput = () => { removeEventListener('input', onInput); afterPaint((p) => { k.inputPaint = p; }); };
    addEventListener('input', onInput);
  }, true);

  // Visibility as the app sees it: document.visibilityState / document.hidden, overridable
  // (headless Chromium keeps every page "visible" and has no CDP call to change that).
  B.setHidden = (hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  };
})(__BENCH_SELECTORS__);

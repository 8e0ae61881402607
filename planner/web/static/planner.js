// Enhancement only: every page works without it. On a unit page with a plan
// running, the progress numbers update in place instead of a full reload.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress]");
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (!box || !refresh || !window.fetch) { return; }
  refresh.parentNode.removeChild(refresh);
  function show(name, text) {
    var el = box.querySelector('[data-field="' + name + '"]');
    if (el) { el.textContent = text; }
  }
  function poll() {
    fetch(box.getAttribute("data-progress"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.state !== "running") { window.location.reload(); return; }
        show("elapsed", p.elapsed.toFixed(1) + " s");
        if (p.effort !== null && p.effort !== undefined) { show("effort", p.effort.toFixed(1)); }
        if (p.bound !== null && p.bound !== undefined) { show("bound", p.bound.toFixed(1)); }
        if (p.gap !== null && p.gap !== undefined) { show("gap", (p.gap * 100).toFixed(2) + "%"); }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
}());

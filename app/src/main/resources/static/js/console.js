// Live countdowns: every element with data-deadline (ISO instant) shows the time left, or how
// long ago it passed, and turns red when breached. The server renders the first value, so the
// page reads right without JavaScript too.
(function () {
  function label(ms, el) {
    var late = ms < 0, s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    var text = (d > 0 ? d + (el.dataset.day || 'd ') : '') + String(h).padStart(2, '0') + ':' + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
    return late ? (el.dataset.late || '-') + text : text;
  }
  function tick() {
    var now = Date.now() + (window.zaikoClockOffset || 0);
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      var ms = Date.parse(el.dataset.deadline) - now;
      el.textContent = label(ms, el);
      el.classList.toggle('breach', ms < 0);
      var row = el.closest('tr');
      if (row) { row.classList.toggle('breach', ms < 0); row.classList.toggle('soon', ms >= 0 && ms < 3600000); }
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var server = document.querySelector('meta[name=zaiko-now]');
    if (server) window.zaikoClockOffset = Date.parse(server.content) - Date.now();
    tick();
    setInterval(tick, 1000);
  });
  document.addEventListener('htmx:afterSwap', tick);
  // htmx's own POSTs (the tone check) carry the page's CSRF token like any form does.
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name=_csrf]'), header = document.querySelector('meta[name=_csrf_header]');
    if (token && header) e.detail.headers[header.content] = token.content;
    // a text field with data-tone-text sends what is typed in it as "text" (the tone check);
    // set here, not with hx-vals="js:...", which would need eval and the policy forbids it
    var elt = e.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute('data-tone-text')) e.detail.parameters['text'] = elt.value;
  });
  // a read-only field with data-select-on-focus (a link to copy) selects itself when focused
  document.addEventListener('focusin', function (e) {
    if (e.target.matches && e.target.matches('[data-select-on-focus]')) e.target.select();
  });
})();

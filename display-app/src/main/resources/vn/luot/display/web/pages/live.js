// Keeps a staff page current without a reload: on each "change" from /staff/live, fetch this page again and swap
// in its <main>, unless the clerk is using a form field (then once they leave it). Shows when the link is lost.
(function () {
  'use strict';
  if (!window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var pending = false;
  var online = true;

  function busy() {
    var a = document.activeElement;
    return a && (a.tagName === 'SELECT' || a.tagName === 'INPUT' || a.tagName === 'TEXTAREA');
  }

  function showLink() {
    var live = document.getElementById('live');
    if (!live) {
      return;
    }
    if (!live.dataset.online) {
      live.dataset.online = live.textContent;
    }
    live.textContent = online ? live.dataset.online : live.dataset.offline;
    live.className = online ? 'live' : 'live off';
  }

  function refresh() {
    if (busy()) {
      pending = true;
      return;
    }
    fetch(location.pathname, { credentials: 'same-origin', redirect: 'follow', headers: { 'X-Luot-Live': '1' } }).then(function (r) {
      if (r.redirected) {
        location.assign(r.url);
        return null;
      }
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html === null || busy()) {
        pending = pending || html !== null;
        return;
      }
      var next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
      var now = document.querySelector('main');
      if (next && now) {
        // The answer to the clerk's last action stays until their next one: the fetched page has no message.
        var message = now.querySelector('#message');
        var anchor = next.querySelector('#signed-in') || next.querySelector('#live');
        if (message && !next.querySelector('#message') && anchor) {
          anchor.insertAdjacentElement('afterend', message);
        }
        now.replaceWith(next);
        showLink();
        document.documentElement.dataset.version = String((+document.documentElement.dataset.version || 0) + 1);
      }
    }).catch(function () { /* the stream's error handler shows the lost link */ });
  }

  document.addEventListener('focusout', function () {
    if (pending) {
      pending = false;
      setTimeout(refresh, 0);
    }
  });

  var stream = new EventSource('/staff/live');
  stream.addEventListener('change', refresh);
  stream.addEventListener('hello', function () {
    var wasOffline = !online;
    online = true;
    showLink();
    if (wasOffline) {
      refresh();
    }
  });
  stream.onerror = function () {
    online = false;
    showLink();
  };
})();

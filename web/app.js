// newsgraph pages: a few lines of progressive enhancement. Everything works without this file.
// Selecting a quote in "who said what" scrolls to its evidence and highlights every piece of it.
// No innerHTML anywhere: only classes and focus change.
(function () {
  'use strict';

  function highlight(ord, scroll) {
    var all = document.querySelectorAll('.quote.active, .said.active');
    for (var i = 0; i < all.length; i++) all[i].classList.remove('active');
    var pieces = document.querySelectorAll('.body .quote[data-q="' + ord + '"]');
    for (var j = 0; j < pieces.length; j++) pieces[j].classList.add('active');
    var item = document.querySelector('.said[data-q="' + ord + '"]');
    if (item) item.classList.add('active');
    if (scroll && pieces.length) {
      var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      pieces[0].scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'center' });
      pieces[0].focus({ preventScroll: true });
    }
  }

  document.addEventListener('click', function (ev) {
    var target = ev.target;
    var link = target && target.closest ? target.closest('a.jump[data-q]') : null;
    if (!link) return;
    var ord = link.getAttribute('data-q');
    if (!/^\d+$/.test(ord || '')) return;
    ev.preventDefault();
    highlight(ord, true);
    if (history.replaceState) history.replaceState(null, '', link.getAttribute('href'));
  });

  // Clicking a quote in the text selects it in the list too.
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest || t.closest('a')) return;
    var q = t.closest('.body .quote[data-q]');
    if (q) highlight(q.getAttribute('data-q'), false);
  });

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^q-\d+$/.test(id)) return;
    var el = document.getElementById(id);
    if (el && el.getAttribute('data-q')) highlight(el.getAttribute('data-q'), false);
  }
  window.addEventListener('hashchange', fromHash);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fromHash);
  else fromHash();
})();

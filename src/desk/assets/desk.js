// gongkai desk: small progressive enhancements; every page works without it.
(function () {
  'use strict';
  // Focus the summary of problems (or the first field in error) when a page shows one.
  var summary = document.getElementById('problems');
  if (summary) {
    summary.focus();
  }
  // The Markdown preview follows the body as it is typed: a request to /check is not needed
  // for that; paragraphs are shown as text (the server renders the real preview on check).
  var body = document.getElementById('f-body');
  var preview = document.getElementById('body-preview');
  if (body && preview) {
    body.addEventListener('input', function () {
      preview.textContent = '';
      body.value.split(/\n\s*\n/).forEach(function (para) {
        if (para.trim() === '') return;
        var p = document.createElement('p');
        p.textContent = para.trim();
        preview.appendChild(p);
      });
    });
  }
})();

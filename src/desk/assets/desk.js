// gongkai desk: small enhancements of pages that work without it.
(function () {
  'use strict';
  // A page with problems: the summary of them takes the focus.
  var summary = document.getElementById('problems');
  if (summary) summary.focus();

  var form = document.querySelector('form.record');
  if (!form || !window.fetch || !window.FormData) return;

  // Live checks: the form as it stands goes to /check (the same checks as saving it, nothing is
  // written) and each message is put beside its field.
  var status = document.createElement('p');
  status.id = 'live-status';
  status.className = 'note';
  status.setAttribute('role', 'status');
  form.insertBefore(status, form.firstChild);
  var timer = null;
  var seq = 0;

  function clear() {
    Array.prototype.forEach.call(form.querySelectorAll('.live-msg'), function (p) {
      var owner = document.querySelector('[aria-describedby~="' + p.id + '"]');
      if (owner) {
        var ids = owner.getAttribute('aria-describedby').split(' ').filter(function (x) { return x !== p.id; });
        owner.setAttribute('aria-describedby', ids.join(' '));
      }
      p.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll('.field-error, .field-warning'), function (p) {
      p.hidden = true;
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
    });
  }

  function show(messages) {
    clear();
    var errors = 0;
    messages.forEach(function (m, i) {
      if (m.error) errors++;
      var target = document.getElementById('f-' + (m.field || ''));
      if (!target) return;
      var box = target.closest('.field, fieldset') || target.parentNode;
      var p = document.createElement('p');
      p.className = (m.error ? 'field-error' : 'field-warning') + ' live-msg';
      p.id = 'live-' + i;
      p.textContent = m.text;
      var label = box.querySelector('label, legend');
      if (label && label.parentNode === box) label.after(p); else box.prepend(p);
      var described = target.getAttribute('aria-describedby');
      target.setAttribute('aria-describedby', (described ? described + ' ' : '') + p.id);
      if (m.error) target.setAttribute('aria-invalid', 'true');
    });
    var zh = document.documentElement.lang !== 'en';
    status.textContent = errors
      ? (zh ? '检查发现 ' + errors + ' 个问题，见各栏目下的说明。' : errors + ' problem(s) found; see the notes by the fields.')
      : (zh ? '检查通过。' : 'No problems found.');
  }

  function check() {
    var data = new FormData(form);
    data.delete('upload');
    var mine = ++seq;
    fetch('/check', { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && mine === seq) show(j.messages); })
      .catch(function () {});
  }

  form.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(check, 1200);
  });
})();

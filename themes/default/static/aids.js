// Reading aids (阅读辅助, 适老化/无障碍) of the default theme: font size steps, high contrast,
// 长者模式, a reading guide line, and a record page's 字号 大/中/小, 打印, 关闭.
//
// No third-party code. Loaded with `defer`, so pages render without waiting on it; the controls are
// `hidden` in the HTML and shown only here, so a page without JavaScript shows no dead buttons.
// Settings live in localStorage (one JSON value) and are applied to <html> as data attributes,
// which the stylesheet reads. Every change is announced through a polite live region.
(() => {
  'use strict';
  const KEY = 'gongkai-reading-aids';
  const FONT_STEPS = 4; // 0 = the theme's size; see html[data-font] in style.css
  const RECORD_FONTS = ['small', 'medium', 'large'];
  const root = document.documentElement;

  const load = () => {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || '{}');
      return v && typeof v === 'object' ? v : {};
    } catch {
      return {};
    }
  };
  const save = (s) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(s));
    } catch {
      // Private mode or storage disabled: the setting holds for this page only.
    }
  };

  let state = load();
  const clampFont = (n) => Math.max(0, Math.min(FONT_STEPS, Number.isInteger(n) ? n : 0));

  /** Writes `state` to <html> and the controls' pressed states. */
  const apply = () => {
    const font = clampFont(state.font);
    if (font) root.dataset.font = String(font);
    else delete root.dataset.font;
    for (const flag of ['contrast', 'elder', 'guide']) {
      if (state[flag] === true) root.dataset[flag] = '';
      else delete root.dataset[flag];
    }
    const rf = RECORD_FONTS.includes(state.recordFont) ? state.recordFont : 'medium';
    if (rf === 'medium') delete root.dataset.recordSize;
    else root.dataset.recordSize = rf;
    for (const b of document.querySelectorAll('[data-aid-toggle]')) {
      b.setAttribute('aria-pressed', String(state[b.dataset.aidToggle] === true));
    }
    for (const b of document.querySelectorAll('[data-record-font]')) {
      b.setAttribute('aria-pressed', String(b.dataset.recordFont === rf));
    }
    const smaller = document.querySelector('[data-aid-font="-1"]');
    const larger = document.querySelector('[data-aid-font="1"]');
    if (smaller) smaller.disabled = font === 0;
    if (larger) larger.disabled = font === FONT_STEPS;
  };

  // Apply at once (the script runs before first paint on most pages: it is small and deferred).
  apply();

  const announce = (text) => {
    const status = document.getElementById('aids-status');
    if (!status || !text) return;
    // Clearing first makes a screen reader repeat an identical message.
    status.textContent = '';
    setTimeout(() => { status.textContent = text; }, 50);
  };

  const bar = document.getElementById('aids');
  const say = (name, value) => {
    const text = bar?.dataset[name] ?? '';
    return value === undefined ? text : text.replace('{}', value);
  };

  const change = (update, message) => {
    state = { ...state, ...update };
    save(state);
    apply();
    announce(message);
  };

  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (!b) return;
    if (b.classList.contains('aids-toggle')) {
      const open = b.getAttribute('aria-expanded') !== 'true';
      b.setAttribute('aria-expanded', String(open));
      if (open) bar.dataset.open = '';
      else delete bar.dataset.open;
    } else if (b.dataset.aidFont) {
      const font = clampFont(clampFont(state.font) + Number(b.dataset.aidFont));
      change({ font }, say('sayFont', String(100 + font * 12.5) + '%'));
    } else if (b.dataset.aidToggle) {
      const flag = b.dataset.aidToggle;
      const on = state[flag] !== true;
      change({ [flag]: on }, `${b.textContent.trim()}：${say(on ? 'sayOn' : 'sayOff')}`);
    } else if (b.dataset.aidReset !== undefined) {
      change({ font: 0, contrast: false, elder: false, guide: false, recordFont: 'medium' }, say('sayReset'));
    } else if (b.dataset.recordFont) {
      change({ recordFont: b.dataset.recordFont }, `${say('sayRecordFont')}${b.textContent.trim()}`);
    } else if (b.dataset.action === 'print') {
      window.print();
    } else if (b.dataset.action === 'close') {
      // Browsers close only windows a script opened; otherwise go back, or home.
      window.close();
      setTimeout(() => {
        if (window.closed) return;
        if (history.length > 1) history.back();
        else location.href = b.dataset.home || '/';
      }, 100);
    }
  });

  // The reading guide: a band that follows the pointer, or the focused element for keyboards.
  const guide = document.createElement('div');
  guide.className = 'reading-guide';
  guide.setAttribute('aria-hidden', 'true');
  const moveGuide = (y) => { guide.style.transform = `translateY(${Math.round(y)}px)`; };
  document.addEventListener('pointermove', (e) => moveGuide(e.clientY), { passive: true });
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof Element) {
      const r = e.target.getBoundingClientRect();
      moveGuide(r.top + r.height / 2);
    }
  });

  const ready = () => {
    document.body.append(guide);
    moveGuide(window.innerHeight / 3);
    for (const el of document.querySelectorAll('[data-needs-script]')) el.hidden = false;
    apply();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  // Another tab changed a setting: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) {
      state = load();
      apply();
    }
  });
})();

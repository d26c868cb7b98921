// gongkai site search: reads the static index written by src/search/ (see its module docs for
// the file formats). No dependencies. Loaded only by search.html; fetches the manifest, the
// shards of the query's own terms, and the metadata of the results shown.
//
// Tokenisation must match src/search/tokenize.rs exactly (tests/search-vectors.json checks both).

const MAX_WORD = 64;
const PAGE_SIZE = 10;
const WEIGHT = [10, 3, 1]; // title, meta, body

const fold = (cp) => (cp >= 0xff01 && cp <= 0xff5e ? cp - 0xfee0 : cp);
const isHan = (cp) => cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)
  || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
const isWord = (cp) => (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
const isJoiner = (cp) => cp === 47 || cp === 45 || cp === 46 || cp === 95;
const lower = (cps) => String.fromCodePoint(...cps.slice(0, MAX_WORD)).toLowerCase();

/** Terms of `text`; mode 'index' (with repeats, as the index has them) or 'query'. */
export function terms(text, mode = 'query') {
  const cps = Array.from(text, (ch) => fold(ch.codePointAt(0)));
  const out = [];
  let i = 0;
  while (i < cps.length) {
    const c = cps[i];
    if (isHan(c)) {
      const start = i;
      while (i < cps.length && isHan(cps[i])) i++;
      const run = cps.slice(start, i).map((x) => String.fromCodePoint(x));
      if (mode === 'index' || run.length === 1) out.push(...run);
      for (let k = 0; k + 1 < run.length; k++) out.push(run[k] + run[k + 1]);
    } else if (isWord(c)) {
      const start = i;
      let words = 0;
      for (;;) {
        const w = i;
        while (i < cps.length && isWord(cps[i])) i++;
        out.push(lower(cps.slice(w, i)));
        words++;
        if (i + 1 < cps.length && isJoiner(cps[i]) && isWord(cps[i + 1])) i++;
        else break;
      }
      if (words > 1) out.push(lower(cps.slice(start, i)));
    } else {
      i++;
    }
  }
  return mode === 'index' ? out : [...new Set(out)];
}

export function fnv1a32(str) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(str)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

const hex = (str) => Array.from(new TextEncoder().encode(str), (b) => b.toString(16).padStart(2, '0')).join('');

function varint(buf, st) {
  let v = 0;
  let mul = 1;
  let b;
  do {
    b = buf[st.pos++];
    v += (b & 0x7f) * mul;
    mul *= 128;
  } while (b & 0x80);
  return v;
}

/** One doc set (src/search/postings.rs) at st.pos: a list of doc ids. */
function docSet(buf, st) {
  const head = varint(buf, st);
  const len = Math.floor(head / 2);
  const end = st.pos + len;
  const docs = [];
  if (head & 1) {
    for (let i = st.pos; i < end; i++) {
      for (let bit = 0; bit < 8; bit++) if (buf[i] & (1 << bit)) docs.push((i - st.pos) * 8 + bit);
    }
    st.pos = end;
  } else {
    let doc = 0;
    let first = true;
    while (st.pos < end) {
      const d = varint(buf, st);
      doc = first ? d : doc + d;
      first = false;
      docs.push(doc);
    }
  }
  return docs;
}

const postings = (buf, st) => [docSet(buf, st), docSet(buf, st), docSet(buf, st)];

/** Parses a shard into Map(term → postings | 'external'). */
function parseShard(buf) {
  const map = new Map();
  const st = { pos: 4 };
  const dec = new TextDecoder();
  const count = varint(buf, st);
  for (let n = 0; n < count; n++) {
    const len = varint(buf, st);
    const term = dec.decode(buf.subarray(st.pos, st.pos + len));
    st.pos += len;
    const tag = buf[st.pos++];
    map.set(term, tag === 1 ? 'external' : postings(buf, st));
  }
  return map;
}

/** The index, fetched lazily and cached. */
class Index {
  /** `shape`: {shards, docs, metaBlock} from the page, so the first fetches need no manifest. */
  constructor(base, shape) {
    this.base = base;
    this.shape = shape;
    this.cache = new Map();
  }

  get(path, kind) {
    if (!this.cache.has(path)) {
      const p = fetch(this.base + path).then((r) => {
        if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
        return kind === 'json' ? r.json() : r.arrayBuffer().then((b) => new Uint8Array(b));
      });
      p.catch(() => this.cache.delete(path));
      this.cache.set(path, p);
    }
    return this.cache.get(path);
  }

  manifest() { return this.get('manifest.json', 'json'); }

  /** [title, meta, body] doc lists of `term`, or null when no record has it. */
  async term(term) {
    const shard = fnv1a32(term) & (this.shape.shards - 1);
    const key = `shard:${shard}`;
    if (!this.cache.has(key)) this.cache.set(key, this.get(`shards/${shard}.bin`).then(parseShard));
    const entry = (await this.cache.get(key)).get(term);
    if (entry !== 'external') return entry ?? null;
    return postings(await this.get(`terms/${hex(term)}.bin`), { pos: 0 });
  }

  async meta(doc) {
    const size = this.shape.metaBlock;
    const block = await this.get(`meta/${Math.floor(doc / size)}.json`, 'json');
    return block[doc % size];
  }

  /** [node, publisher, year, validity] of `doc` (validity 255 = none). */
  async facets(doc) {
    const m = await this.manifest();
    const k = Math.floor(doc / m.facet_block);
    const buf = await this.get(`facets/${k}.bin`);
    const n = Math.min(m.facet_block, m.docs - k * m.facet_block);
    const i = doc - k * m.facet_block;
    const u16 = (off) => buf[off] | (buf[off + 1] << 8);
    return [u16(2 * i), u16(2 * n + 2 * i), buf[4 * n + i], buf[5 * n + i]];
  }
}

/** Docs having every term, ranked: terms matched in the title, field weight, then newer. */
export function rank(lists, docCount) {
  const masks = lists.map((sets) => {
    const m = new Uint8Array(docCount);
    sets.forEach((docs, g) => { for (const d of docs) m[d] |= 1 << g; });
    return m;
  });
  const smallest = lists.map((s, i) => [s.reduce((a, x) => a + x.length, 0), i]).sort((a, b) => a[0] - b[0])[0][1];
  const hits = [];
  for (let doc = 0; doc < docCount; doc++) {
    if (!masks[smallest][doc]) continue;
    let title = 0;
    let score = 0;
    let all = true;
    for (const m of masks) {
      const mask = m[doc];
      if (!mask) { all = false; break; }
      if (mask & 1) title++;
      score += WEIGHT.reduce((s, w, g) => (mask & (1 << g) ? s + w : s), 0);
    }
    if (all) hits.push({ doc, title, score });
  }
  return hits.sort((a, b) => b.title - a.title || b.score - a.score || a.doc - b.doc);
}

/** Appends `text` to `el`, wrapping the parts that match a query term in <mark> (DOM only). */
export function highlight(el, text, queryTerms) {
  const cps = Array.from(text);
  const folded = cps.map((ch) => String.fromCodePoint(fold(ch.codePointAt(0))).toLowerCase());
  const on = new Uint8Array(cps.length);
  for (const t of queryTerms) {
    const tc = Array.from(t);
    for (let i = 0; i + tc.length <= folded.length; i++) {
      let k = 0;
      while (k < tc.length && folded[i + k] === tc[k]) k++;
      if (k === tc.length) on.fill(1, i, i + tc.length);
    }
  }
  let i = 0;
  while (i < cps.length) {
    let j = i;
    while (j < cps.length && on[j] === on[i]) j++;
    const part = cps.slice(i, j).join('');
    if (on[i]) {
      const mark = document.createElement('mark');
      mark.textContent = part;
      el.append(mark);
    } else {
      el.append(document.createTextNode(part));
    }
    i = j;
  }
}

const FACETS = [['node', 'nodes'], ['publisher', 'publishers'], ['year', 'years'], ['validity', 'validities']];

class SearchPage {
  constructor(app) {
    this.app = app;
    this.labels = app.dataset;
    this.index = new Index(`${app.dataset.root ?? ''}search/`, {
      shards: Number(app.dataset.shards),
      docs: Number(app.dataset.docs),
      metaBlock: Number(app.dataset.metaBlock),
    });
    this.input = document.getElementById('site-search-q');
    this.status = document.getElementById('search-status');
    this.results = document.getElementById('search-results');
    this.filters = document.getElementById('search-filters');
    this.pager = document.getElementById('search-pager');
    this.sort = document.getElementById('search-sort');
    this.seq = 0;
    app.hidden = false;
    this.input?.form?.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = this.input.value.trim();
      history.pushState(null, '', `?q=${encodeURIComponent(q)}`);
      this.run(q);
    });
    window.addEventListener('popstate', () => this.run(this.queryFromUrl()));
    this.sort.addEventListener('change', () => { this.page = 0; this.show(); });
  }

  queryFromUrl() {
    return (new URLSearchParams(location.search).get('q') ?? '').trim();
  }

  say(template, values = {}) {
    this.status.textContent = template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
  }

  async run(q) {
    const seq = ++this.seq;
    performance.mark('gk-search-start');
    if (this.input) this.input.value = q;
    this.query = terms(q);
    this.hits = [];
    this.facets = null;
    this.results.replaceChildren();
    this.filters.replaceChildren();
    this.pager.replaceChildren();
    if (!this.query.length) return this.say(this.labels.empty);
    this.say(this.labels.loading);
    try {
      const manifest = this.index.manifest();
      const lists = await Promise.all(this.query.map((t) => this.index.term(t)));
      const m = await manifest;
      this.manifestCache = m;
      if (seq !== this.seq) return;
      this.hits = lists.includes(null) ? [] : rank(lists, m.docs);
      this.selected = FACETS.map(() => new Set());
      this.page = 0;
      if (!this.hits.length) return this.say(this.labels.none, { q });
      await this.show();
      performance.mark('gk-search-results');
      performance.measure('gk-search', 'gk-search-start', 'gk-search-results');
      // Filter data costs a block per 8,192 records the hits fall in; on a large site a broad
      // query would download more for its counts than for its results, so past a couple of
      // blocks the filters load only when the reader asks for them.
      const blocks = new Set(this.hits.map((h) => Math.floor(h.doc / m.facet_block)));
      if (blocks.size <= EAGER_FACET_BLOCKS) await this.loadFilters(seq, m);
      else if (seq === this.seq) this.offerFilters(seq, m);
    } catch (err) {
      if (seq === this.seq) this.say(this.labels.failed);
      throw err;
    }
  }

  async loadFilters(seq, m) {
    const facets = await Promise.all(this.hits.map((h) => this.index.facets(h.doc)));
    if (seq !== this.seq) return;
    this.facets = facets;
    this.renderFilters(m);
  }

  /** A button that loads the filters (with their counts) on demand. */
  offerFilters(seq, m) {
    const b = this.button(this.labels.showFilters, async () => {
      b.disabled = true;
      await this.loadFilters(seq, m);
      this.filters.querySelector('input')?.focus();
    });
    b.className = 'search-show-filters';
    this.filters.replaceChildren(b);
  }

  /** Hit positions passing every facet's selection except `skip`'s. */
  passing(skip = -1) {
    const out = [];
    this.hits.forEach((h, i) => {
      const f = this.facets?.[i];
      const ok = !f || this.selected.every((sel, k) => k === skip || !sel.size || sel.has(f[k]));
      if (ok) out.push(i);
    });
    return out;
  }

  async show() {
    const seq = this.seq;
    let shown = this.passing().map((i) => this.hits[i]);
    if (this.sort.value === 'date') shown = [...shown].sort((a, b) => a.doc - b.doc);
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    const slice = shown.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
    const metas = await Promise.all(slice.map((h) => this.index.meta(h.doc)));
    if (seq !== this.seq) return;
    this.results.replaceChildren(...metas.map((m) => this.item(m)));
    this.say(this.labels.found, { n: shown.length });
    this.renderPager(pages);
  }

  item(m) {
    const li = document.createElement('li');
    const h = document.createElement('h2');
    const a = document.createElement('a');
    a.href = (this.app.dataset.root ?? '') + m.u;
    highlight(a, m.t, this.query);
    h.append(a);
    const meta = document.createElement('p');
    meta.className = 'meta';
    const time = document.createElement('time');
    time.dateTime = m.d;
    time.textContent = m.d;
    meta.append(time, ` · ${this.name('publishers', m.p)}`);
    if (m.w) {
      meta.append(` · ${this.labels.docNo}：`);
      highlight(meta, m.w, this.query);
    }
    meta.append(' · ');
    highlight(meta, m.i, this.query);
    const x = document.createElement('p');
    x.className = 'excerpt';
    highlight(x, m.x, this.query);
    li.append(h, meta, x);
    return li;
  }

  name(vocab, id) {
    const m = this.manifestCache;
    return m?.[vocab]?.find((v) => v.id === id)?.name ?? '';
  }

  renderPager(pages) {
    const buttons = [];
    const go = (p) => () => {
      this.page = p;
      this.show().then(() => this.results.focus());
    };
    if (this.page > 0) buttons.push(this.button(this.labels.prev, go(this.page - 1)));
    const where = document.createElement('span');
    where.textContent = ` ${this.labels.page.replace('{p}', this.page + 1).replace('{n}', pages)} `;
    buttons.push(where);
    if (this.page + 1 < pages) buttons.push(this.button(this.labels.next, go(this.page + 1)));
    this.pager.replaceChildren(...(pages > 1 ? buttons : []));
  }

  button(text, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  renderFilters(m) {
    const sets = FACETS.map(([label, vocab], k) => {
      const present = new Set(this.facets.map((f) => f[k]));
      const values = m[vocab].filter((v) => present.has(v.id));
      if (values.length < 2) return null;
      const fs = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = this.labels[label];
      fs.append(legend);
      for (const v of values) {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = v.id;
        box.dataset.facet = k;
        box.addEventListener('change', () => {
          if (box.checked) this.selected[k].add(v.id);
          else this.selected[k].delete(v.id);
          this.page = 0;
          this.updateCounts();
          this.show();
        });
        const lab = document.createElement('label');
        const count = document.createElement('span');
        count.className = 'count';
        lab.append(box, ` ${v.name} `, count);
        fs.append(lab);
      }
      return fs;
    });
    this.filters.replaceChildren(...sets.filter(Boolean));
    this.updateCounts();
  }

  updateCounts() {
    for (const box of this.filters.querySelectorAll('input[type=checkbox]')) {
      const k = Number(box.dataset.facet);
      const id = Number(box.value);
      const n = this.passing(k).filter((i) => this.facets[i][k] === id).length;
      box.parentElement.querySelector('.count').textContent = `(${n})`;
    }
  }
}

/** Filters load with the results when the hits lie in at most this many facet blocks. */
const EAGER_FACET_BLOCKS = 2;

async function start() {
  const app = document.getElementById('search-app');
  if (!app) return;
  const page = new SearchPage(app);
  const q = page.queryFromUrl();
  if (q) await page.run(q);
  else page.say(page.labels.empty);
}

if (typeof document !== 'undefined') start();

/* lossviz explorers in a static page: no kernel, no server, no network.
 *
 * Each <figure class="lv-explorer" data-key="K"> holds the controls (range inputs over the
 * precomputed positions, selects, checkboxes), a <canvas> and a readout.  window.LV_EXPLORERS[K]
 * (a <script> written by tools/site.py) holds the explorer's two layers exported by
 * tools/site_export.py: per setting, a background image, opaque patches of it and the animated
 * artists as sprites (rectangles of a few atlas PNG files in data/<key>/, drawn in the explorer's own order, as Agg does),
 * the readout HTML and its text.
 * A control moved to a value that is not precomputed with the other controls' values makes the
 * others jump to the nearest precomputed setting, and the note says so.
 * The page's own sentences follow the page's language (<html lang="zh-CN">: Chinese).
 */
(function () {
  "use strict";

  var ZH = /^zh/i.test(document.documentElement.lang || "");
  var TEXT = ZH ? {
    moved: function (names) { return "已跳到最近的预计算设置：" + names.join("、") + "。"; },
    same: function (label) { return label + "：在其他控件的当前取值下，画面没有变化。"; },
    missing: function (key) { return "这个交互图的数据（" + key + "）缺失：请重新构建网站。"; },
    sep: ""
  } : {
    moved: function (names) {
      return "Moved to the nearest precomputed setting: " + names.join(", ") + ".";
    },
    same: function (label) {
      return label + ": no visible change with the other controls as they are.";
    },
    missing: function (key) {
      return "This explorer's data (" + key + ") is missing: rebuild the site.";
    },
    sep: " "
  };

  function Explorer(root, data) {
    var self = this;
    this.root = root;
    this.d = data;
    this.canvas = root.querySelector("canvas");
    this.ctx = this.canvas.getContext("2d");
    this.readout = root.querySelector(".lv-readout");
    this.snapNote = root.querySelector(".lv-snap");
    this.inputs = [];
    root.querySelectorAll("[data-control]").forEach(function (el) {
      self.inputs[+el.dataset.control] = el;
    });
    this.sizes = data.controls.map(function (c) { return c.values.length; });
    this.map = new Map();
    data.settings.forEach(function (s, k) { self.map.set(s.join(","), k); });
    this.cur = data.controls.map(function (c) { return c.start; });
    var k0 = this.map.get(this.cur.join(","));
    this.k = k0 === undefined ? 0 : k0;
    // the PNGs are files next to the data (from file:// they taint the canvas, which only
    // forbids reading it back; drawing is unaffected)
    this.images = [];
    for (var i = 0; i < data.atlases; i++) {
      var im = new Image();
      im.src = data.image_dir + i + ".png";
      this.images.push(im);
    }
    this.inputs.forEach(function (el, c) {
      var kind = data.controls[c].kind;
      el.addEventListener(kind === "range" ? "input" : "change", function () {
        self.moved(c, self.valueOf(c));
      });
    });
    Promise.all(this.images.map(function (im) {
      return im.decode().catch(function () {});
    })).then(function () {
      self.show(self.k, false);
      self.inputs.forEach(function (el) { el.disabled = false; });
      root.dataset.ready = "1";
    });
  }

  Explorer.prototype.valueOf = function (c) {
    var el = this.inputs[c], kind = this.d.controls[c].kind;
    if (kind === "bool") return el.checked ? 1 : 0;
    if (kind === "choice") return el.selectedIndex;
    return +el.value;
  };

  Explorer.prototype.nearest = function (c, v) {
    // the precomputed setting with control c at v closest to the current one
    var best = -1, bestDist = Infinity, d = this.d, cur = this.cur, sizes = this.sizes;
    for (var k = 0; k < d.settings.length; k++) {
      var s = d.settings[k];
      if (s[c] !== v) continue;
      var dist = 0;
      for (var j = 0; j < s.length; j++) {
        if (j === c || s[j] === cur[j]) continue;
        dist += d.controls[j].kind === "range" ? Math.abs(s[j] - cur[j]) / (sizes[j] - 1) : 1;
      }
      if (dist < bestDist) { bestDist = dist; best = k; }
    }
    return best;
  };

  Explorer.prototype.moved = function (c, v) {
    var want = this.cur.slice();
    want[c] = v;
    var k = this.map.get(want.join(","));
    var snapped = k === undefined;
    if (snapped) k = this.nearest(c, v);
    if (k < 0) return; // every value of every control is precomputed somewhere
    this.show(k, snapped, c);
  };

  function escapeHTML(t) {
    return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function readoutHTML(d, ro) {
    // [wrapper, line, ...]: the kernel's readout, one <div> a line in its colour
    var out = d.readout_wrappers[ro[0]];
    for (var i = 1; i < ro.length; i++) {
      var l = d.readout_lines[ro[i]];
      out += '<div style="color:' + l[0] + '">' + (escapeHTML(l[1]) || "&nbsp;") + "</div>";
    }
    return out + "</div>";
  }

  function sameFrame(a, b) {
    // same background, sprites and readout: the kernel drew the same picture
    if (a[0] !== b[0] || a[2] !== b[2] || a[1].length !== b[1].length) return false;
    for (var i = 0; i < a[1].length; i++) if (a[1][i] !== b[1][i]) return false;
    return true;
  }

  Explorer.prototype.show = function (k, snapped, by) {
    var d = this.d, f = d.frames[k], ctx = this.ctx, s = d.settings[k];
    var before = this.k === undefined ? undefined : d.frames[this.k];
    ctx.imageSmoothingEnabled = false;
    ctx.globalCompositeOperation = "copy";
    this.draw(f[0], 0, 0);
    ctx.globalCompositeOperation = "source-over";
    for (var i = 0; i < f[1].length; i++) {
      var sp = d.sprites[f[1][i]];
      this.draw(sp[0], sp[1], sp[2]);
    }
    var ro = d.readouts[f[2]];
    if (typeof ro === "string") this.readout.innerHTML = ro;
    else this.readout.innerHTML = readoutHTML(d, ro);
    this.canvas.setAttribute("aria-label", f[3] >= 0 ? d.alts[f[3]] : ro.slice(1).map(
      function (l) { return d.readout_lines[l][1]; }).join("\n"));
    var moved = [];
    for (var c = 0; c < s.length; c++) {
      if (snapped && s[c] !== this.valueOf(c)) moved.push(d.controls[c].label);
      this.setControl(c, s[c]);
    }
    this.cur = s.slice();
    this.k = k;
    this.root.dataset.setting = String(k);
    if (this.snapNote) {
      // a control that changes nothing (e.g. focal γ while the focal curve is off) says so
      var note = moved.length ? TEXT.moved(moved) : "";
      if (by !== undefined && before && sameFrame(before, f)) {
        note += (note ? TEXT.sep : "") + TEXT.same(d.controls[by].label);
      }
      this.snapNote.textContent = note;
    }
    this.root.dispatchEvent(new CustomEvent("lv-paint", { detail: k }));
  };

  Explorer.prototype.draw = function (img, x, y) {
    // image img is the rectangle [page, sx, sy, w, h] of an atlas page, drawn 1:1 at (x, y)
    var r = this.d.rects[img];
    this.ctx.drawImage(this.images[r[0]], r[1], r[2], r[3], r[4], x, y, r[3], r[4]);
  };

  Explorer.prototype.setControl = function (c, v) {
    var el = this.inputs[c], ctl = this.d.controls[c];
    if (ctl.kind === "bool") el.checked = v === 1;
    else if (ctl.kind === "choice") el.selectedIndex = v;
    else {
      if (+el.value !== v) el.value = String(v);
      el.setAttribute("aria-valuetext", ctl.labels[v]);
      var out = el.parentNode.querySelector("output");
      if (out) out.textContent = ctl.labels[v];
    }
  };

  function start() {
    var all = window.LV_EXPLORERS || {};
    window.lvExplorers = [];
    document.querySelectorAll(".lv-explorer").forEach(function (root) {
      var data = all[root.dataset.key];
      if (!data) {
        root.querySelector(".lv-readout").textContent = TEXT.missing(root.dataset.key);
        throw new Error("lossviz site: no data for explorer " + root.dataset.key);
      }
      window.lvExplorers.push(new Explorer(root, data));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

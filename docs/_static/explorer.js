/* The explorer page: controls for every option of `python -m bp trace`, every quantity of
 * `python -m bp trace --json` shown live, the 2-2-2 network drawn with them, the state in the
 * URL hash. The arithmetic is in explorer-core.js (global `bpExplorer`).
 *
 * Every shown quantity sits in an element with data-key="<trace key>" and
 * data-value="<JavaScript's shortest round-trip repr>": tests/site/test_explorer.py compares
 * them with bp. A classic script, no modules, no fetch: it works from file://.
 */
(function () {
  "use strict";
  var X = window.bpExplorer;
  var root = document.getElementById("bp-explorer");
  if (!X || !root) return;
  var bpText = X.bpText, prose = X.prose; // the page's language (explorer-core.js)

  // The sliders' ranges are the page's; the names and hints are bp's (window.bpData).
  var OUTPUTS = X.LAYERS[X.LAYERS.length - 1];
  var SLIDERS = {
    inputs: { min: -1, max: 1, step: 0.01, names: X.LAYERS[0], legend: bpText("Inputs") },
    targets: { min: 0, max: 1, step: 0.01, legend: bpText("Targets"),
      names: OUTPUTS.map(function (o) { return bpText("target {output}", { output: o }); }) },
    weights: { min: -2, max: 2, step: 0.01, names: Object.keys(X.WIRING),
      legend: bpText("Weights") },
    biases: { min: -2, max: 2, step: 0.01, names: Object.keys(X.BIAS_WIRING),
      legend: bpText("Biases") },
    lr: { min: 0.01, max: 5, step: 0.01, names: [bpText("learning rate η")],
      legend: bpText("Learning rate") },
    steps: { min: 1, max: 50, step: 1, names: [bpText("steps")],
      legend: bpText("Gradient steps") }
  };
  var CHOICES = {
    bias: { legend: bpText("Bias handling"), labels: {
      fixed: bpText("fixed (not trained)"), shared: bpText("shared (one per layer)"),
      "per-neuron": bpText("per-neuron (one per neuron)") } },
    update: { legend: bpText("Update order"), labels: {
      simultaneous: bpText("simultaneous (correct)"),
      sequential: bpText("sequential (output weights first: a mistake)") } }
  };

  var config = X.copy(X.DEFAULTS); // the last valid configuration: what the page shows
  var texts = {}; // what each control holds, as text, per option
  var lastHash = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  // The values shown, as the page's language writes numbers (data-value keeps JavaScript's).
  function fmt(x) {
    if (!isFinite(x)) return String(x);
    var a = Math.abs(x);
    if (a !== 0 && (a < 1e-6 || a >= 1e9)) return prose(x.toPrecision(6));
    return prose(x.toFixed(9));
  }

  function short(x) {
    var a = Math.abs(x);
    if (a !== 0 && (a < 1e-4 || a >= 1e5)) return prose(x.toExponential(3));
    return prose(String(Number(x.toPrecision(4))));
  }

  // ---- Controls ---------------------------------------------------------------------------

  var controls = el("form", { class: "bpx-controls", "aria-label": bpText("Options of bp trace") });
  controls.addEventListener("submit", function (e) { e.preventDefault(); });
  var fields = {}; // option -> list of text inputs
  var sliders = {};
  var errors = {}; // option -> message element

  X.FLAGS.forEach(function (flag) {
    var name = flag.name;
    var set = el("fieldset", { class: "bpx-group bpx-" + name });
    var errId = "bpx-error-" + name;
    if (CHOICES[name]) {
      var c = CHOICES[name];
      var selId = "bpx-" + name;
      set.appendChild(el("legend", { text: c.legend + " (--" + name + ")" }));
      var select = el("select", { id: selId, "aria-describedby": errId });
      flag.choices.forEach(function (choice) {
        select.appendChild(el("option", { value: choice, text: c.labels[choice] }));
      });
      set.appendChild(el("label", { for: selId, class: "bpx-visually-hidden", text: c.legend }));
      set.appendChild(select);
      select.addEventListener("change", function () {
        texts[name] = [select.value];
        fromControls();
      });
      fields[name] = [select];
    } else {
      var s = SLIDERS[name];
      set.appendChild(el("legend", { text: s.legend + " (--" + name + ")" }));
      if (flag.n !== null && flag.help) {
        set.appendChild(el("p", { class: "bpx-hint", text: flag.help }));
      }
      fields[name] = [];
      sliders[name] = [];
      s.names.forEach(function (label, i) {
        var id = "bpx-" + name + "-" + i;
        var row = el("div", { class: "bpx-row" });
        row.appendChild(el("label", { for: id, text: label }));
        var slider = el("input", {
          type: "range", min: s.min, max: s.max, step: s.step,
          "aria-label": bpText("{label} (slider)", { label: label }), "aria-describedby": errId,
          tabindex: "0"
        });
        var field = el("input", {
          type: "text", id: id, inputmode: name === "steps" ? "numeric" : "decimal",
          autocomplete: "off", spellcheck: "false", size: "10", "aria-describedby": errId
        });
        slider.addEventListener("input", function () {
          field.value = slider.value;
          texts[name][i] = slider.value;
          fromControls();
        });
        field.addEventListener("input", function () {
          texts[name][i] = field.value;
          fromControls();
        });
        row.appendChild(slider);
        row.appendChild(field);
        set.appendChild(row);
        fields[name].push(field);
        sliders[name].push(slider);
      });
    }
    errors[name] = el("p", { class: "bpx-error", id: errId, "aria-live": "polite" });
    set.appendChild(errors[name]);
    controls.appendChild(set);
  });

  var stepButton = el("button", { type: "button", class: "bpx-step", text: bpText("Step") });
  var stepNote = el("p", { class: "bpx-status", "aria-live": "polite" });
  var linkError = el("p", { class: "bpx-error bpx-link-error", "aria-live": "polite" });
  // While a field holds a value the command line refuses, no edit is applied: this line says
  // which field holds the update back, in bp's words, with a button that focuses it.
  var blocked = el("div", { class: "bpx-blocked", "aria-live": "polite" });
  var actions = el("div", { class: "bpx-actions" }, [stepButton, stepNote]);

  function textsOf(c) {
    var t = {};
    X.FLAGS.forEach(function (f) {
      var v = c[f.name];
      t[f.name] = f.n === null ? [String(v)] : v.map(X.repr);
    });
    return t;
  }

  // Put the texts of the options into the controls (sliders follow the valid numbers).
  function showTexts() {
    X.FLAGS.forEach(function (f) {
      fields[f.name].forEach(function (field, i) {
        var t = texts[f.name][i];
        if (t === undefined) return;
        if (field.value !== t) field.value = t;
        if (sliders[f.name]) {
          var r = X.convert(f, t);
          if (r[1] === null) sliders[f.name][i].value = String(r[0]);
        }
      });
    });
  }

  // Mark the fields of an option invalid: the one whose value is refused, or all of them
  // (index undefined: a wrong count); null clears them.
  function markInvalid(name, index) {
    fields[name].forEach(function (field, i) {
      if (index === null || (index !== undefined && index !== i)) {
        field.removeAttribute("aria-invalid");
      } else {
        field.setAttribute("aria-invalid", "true");
      }
    });
  }

  // Read the controls: every option's texts checked as the command line checks them.
  function fromControls() {
    var next = X.copy(config), refused = [];
    linkError.textContent = "";
    stepNote.textContent = "";
    X.FLAGS.forEach(function (f) {
      var r = X.checkOption(f.name, texts[f.name]);
      errors[f.name].textContent = r.error || "";
      markInvalid(f.name, r.error ? r.index : null);
      if (r.error) refused.push({ name: f.name, index: r.index, error: r.error });
      else next[f.name] = r.value;
    });
    showBlocked(refused);
    if (refused.length) return; // the last valid configuration stays on screen
    var out = run(next);
    if (out.error) {
      showRunError(out.error, "");
      return;
    }
    config = next;
    writeHash();
    render(out.values);
  }

  // The field's name as its label shows it: "w3", "learning rate η", or the option's legend
  // when the count of its values is wrong.
  function fieldName(name, index) {
    if (CHOICES[name]) return CHOICES[name].legend;
    return index === undefined ? SLIDERS[name].legend : SLIDERS[name].names[index];
  }

  // Say which fields hold the update back (none: say nothing), each a button to it.
  function showBlocked(refused) {
    blocked.innerHTML = "";
    if (!refused.length) return;
    var p = el("p", { class: "bpx-error" }, [document.createTextNode(refused.length === 1 ?
      bpText("Not updated: the page shows the last valid configuration until this field " +
        "holds a value bp trace accepts. ") :
      bpText("Not updated: the page shows the last valid configuration until these fields " +
        "hold a value bp trace accepts. "))]);
    refused.forEach(function (r, i) {
      var field = fields[r.name][r.index || 0];
      var go = el("button", {
        type: "button", class: "bpx-go", "data-blocking": field.id,
        text: fieldName(r.name, r.index) + " (--" + r.name + ")"
      });
      go.addEventListener("click", function () { field.focus(); });
      if (i) p.appendChild(document.createTextNode("; "));
      p.appendChild(go);
      p.appendChild(document.createTextNode(": " + r.error));
    });
    blocked.appendChild(p);
  }

  // Forget every refused value's message: the controls show a valid configuration again.
  function clearErrors() {
    X.FLAGS.forEach(function (f) {
      errors[f.name].textContent = "";
      markInvalid(f.name, null);
    });
    showBlocked([]);
  }

  // The worked example for a configuration the options allow: its values, or bp's message
  // when it cannot be run (more steps than bp runs, or a value that overflows).
  function run(c) {
    try {
      return { values: X.workedExample(c) };
    } catch (e) {
      if (e instanceof RangeError) return { error: e.message };
      throw e;
    }
  }

  function showRunError(message, prefix) {
    if (/^steps /.test(message)) {
      errors.steps.textContent = message;
      fields.steps[0].setAttribute("aria-invalid", "true");
    }
    linkError.textContent = prefix + message;
  }

  function writeHash() {
    var hash = X.toHash(config);
    lastHash = hash;
    root.setAttribute("data-hash", hash);
    if (location.hash.slice(1) === hash) return;
    try {
      history.replaceState(null, "", "#" + hash);
    } catch (e) {
      location.replace("#" + hash);
    }
  }

  // Read the URL hash: a valid link replaces the configuration; a bad one is named beside its
  // control and in the line above the results, and the last valid configuration stays.
  function fromHash() {
    var hash = location.hash.slice(1);
    if (hash === lastHash) return;
    lastHash = hash;
    var r = X.parseHash(hash);
    clearErrors();
    if (r.error) {
      linkError.textContent = bpText("This link's options are not valid: {error}",
        { error: r.error });
      if (r.flag) {
        errors[r.flag].textContent = r.error;
        markInvalid(r.flag, r.index);
        if (r.raw[r.flag].length === fields[r.flag].length) {
          texts[r.flag] = r.raw[r.flag].slice();
          showTexts();
        }
      }
      root.setAttribute("data-hash", hash);
      return;
    }
    linkError.textContent = "";
    texts = textsOf(r.config);
    showTexts();
    root.setAttribute("data-hash", hash);
    var out = run(r.config);
    if (out.error) {
      showRunError(out.error, bpText("This link's options are not valid: {error}",
        { error: "" }));
      return;
    }
    config = r.config;
    render(out.values);
  }

  stepButton.addEventListener("click", function () {
    if (config.bias === "per-neuron") return;
    var one = X.copy(config);
    one.steps = 1;
    var first = run(one);
    var next = X.copy(config);
    if (!first.error) {
      var v = first.values;
      var after = function (p) { return v[p + "_new"]; };
      next.weights = Object.keys(X.WIRING).map(after);
      next.biases = Object.keys(X.BIAS_WIRING).map(after);
    }
    var out = first.error ? first : run(next);
    if (out.error) {
      showRunError(out.error, "");
      return;
    }
    config = next;
    texts = textsOf(config);
    showTexts();
    clearErrors();
    stepNote.textContent = bpText("One update applied: E_total {before} → {after}.",
      { before: short(first.values.E_total), after: short(first.values.history[1]) });
    writeHash();
    render(out.values);
  });

  // ---- Results ----------------------------------------------------------------------------

  function valueCell(tag, key, x) {
    return el(tag, { "data-key": key, "data-value": X.repr(x), text: fmt(x) });
  }

  function table(caption, head, rows) {
    var t = el("table", { class: "bpx-table" });
    t.appendChild(el("caption", { text: caption }));
    var tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", { scope: "col", text: h })); });
    t.appendChild(el("thead", {}, [tr]));
    var body = el("tbody");
    rows.forEach(function (r) { body.appendChild(r); });
    t.appendChild(body);
    return el("div", { class: "bpx-table-wrap" }, [t]);
  }

  // A quantity, its value (and more cells), then the rule that computes it, bp's (one step).
  function row(key, x, extra, rule) {
    var r = el("tr", {}, [el("th", { scope: "row" }, [el("code", { text: key })]),
      valueCell("td", key, x)]);
    (extra || []).forEach(function (e) { r.appendChild(e); });
    r.appendChild(el("td", { class: "bpx-rule", "data-rule-of": key }, rule ? [el("code", {
      text: rule })] : []));
    return r;
  }

  var results = el("div", { class: "bpx-results" });
  var diagramBox = el("div", {
    class: "bpx-diagram-box", tabindex: "0", role: "region",
    "aria-label": bpText("The 2-2-2 network with the values of the first step")
  });

  var CAPTIONS = {
    forward: bpText("Forward pass (first step)"),
    backward: bpText("Chain-rule factors and deltas (first step)"),
    gradients: bpText("Gradients by backpropagation, each beside its central finite difference")
  };

  function render(v) {
    var q = X.quantities(config.bias);
    diagramBox.innerHTML = diagram(config, v);
    results.innerHTML = "";
    // bp's groups in bp's order, the order of the computation: the forward pass, the
    // chain-rule factors and deltas, the gradients made of them, the update.
    var rule = X.rules(config.bias, config.update);
    Object.keys(q).forEach(function (group) {
      if (group === "gradients") {
        results.appendChild(table(CAPTIONS.gradients + " (ε = " +
          prose(X.EPS.toExponential()) + ")", [bpText("quantity"), bpText("backprop"),
          bpText("finite difference"), bpText("rule")], q.gradients.map(function (k) {
            return row(k, v[k], [valueCell("td", "fd_" + k, X.finiteDifference(config, k))],
              rule[k]);
          })));
        return;
      }
      var caption = group !== "after" ? CAPTIONS[group] : config.steps === 1 ?
        bpText("After 1 step (the rule: of one step)") :
        bpText("After {steps} steps (the rule: of one step)", { steps: config.steps });
      results.appendChild(table(caption, [bpText("quantity"), bpText("value"), bpText("rule")],
        q[group].map(function (k) { return row(k, v[k], [], rule[k]); })));
    });
    stepButton.disabled = config.bias === "per-neuron";
    stepButton.title = stepButton.disabled ? bpText("per-neuron biases differ after a step") : "";
    if (stepButton.disabled) {
      stepNote.textContent = bpText("With per-neuron biases a step makes the two biases of a " +
        "layer differ, which --biases cannot hold: raise the steps instead.");
    }
    renderChecker();
    root.setAttribute("data-rendered", String(Number(root.getAttribute("data-rendered") || 0) + 1));
  }

  // ---- The network diagram (inline SVG) ---------------------------------------------------

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/\u0022/g, "&quot;");
  }

  function svgText(x, y, parts, cls, extra) {
    // parts: list of [text, key or null, value]; one <text>, keyed parts as <tspan>s.
    var inner = parts.map(function (p) {
      if (!p[1]) return esc(p[0]);
      return '<tspan data-key="' + p[1] + '" data-value="' + X.repr(p[2]) + '">' +
        esc(p[0]) + "</tspan>";
    }).join("");
    return '<text x="' + x + '" y="' + y + '" class="' + (cls || "") + '"' + (extra || "") + ">" +
      inner + "</text>";
  }

  function diagram(c, v) {
    // the layers of bp's wiring in columns, their neurons in rows; each weight's label on its
    // own edge, turned along it (bpExplorer.diagramLayout: the book's figures' rule)
    var cols = [50, 340, 630], rows = [120, 300], r = 34;
    var layout = X.diagramLayout(cols, rows, r), nodes = layout.nodes, value = {};
    X.LAYERS[0].forEach(function (n, j) { value[n] = c.inputs[j]; });
    var weights = Object.keys(X.WIRING);
    var biases = Object.keys(X.BIAS_WIRING);
    var s = ['<svg class="bpx-diagram" viewBox="0 0 780 400" role="img" ' +
      'aria-labelledby="bpx-diagram-title">',
    '<title id="bpx-diagram-title">' + esc(bpText("The 2-2-2 network: inputs {inputs}; " +
      "hidden neurons {hidden}; outputs {outputs}; each edge labelled along it with its " +
      "weight and the gradient of the error with respect to it, each neuron with its output.",
      { inputs: X.LAYERS[0].join(", "), hidden: X.LAYERS[1].join(", "),
        outputs: OUTPUTS.join(", ") })) + "</title>"];
    weights.forEach(function (w) {
      var e = layout.edges[w];
      s.push('<line class="bpx-edge" data-weight="' + w + '" x1="' + e.from[0] + '" y1="' +
        e.from[1] + '" x2="' + e.to[0] + '" y2="' + e.to[1] + '"/>');
    });
    weights.forEach(function (w, i) {
      // both lines turned along the edge, on the side of the row its source neuron is in
      // (above an edge that leaves the top row), the gradient next to the edge, the name
      // beyond it: the wedge between a crossing edge and the straight edge from the same
      // neuron holds that crossing edge's label alone
      var e = layout.edges[w], x = e.x.toFixed(2), y = e.y.toFixed(2);
      var up = e.from[1] === rows[0];
      var turn = ' data-label-of="' + w + '" transform="rotate(' + e.angle.toFixed(3) + " " +
        x + " " + y + ')"';
      s.push(svgText(x, (e.y + (up ? -20 : 30)).toFixed(2), [[w + " = " + short(c.weights[i])]],
        "bpx-label", turn));
      s.push(svgText(x, (e.y + (up ? -6 : 16)).toFixed(2), [["∂E/∂" + w + " = "],
        [short(v["dE_d" + w]), "dE_d" + w, v["dE_d" + w]]], "bpx-label bpx-grad", turn));
    });
    Object.keys(nodes).forEach(function (n) {
      var p = nodes[n], isInput = n in value;
      var out = isInput ? value[n] : v["out_" + n];
      s.push('<circle class="bpx-node" data-neuron="' + n + '" cx="' + p[0] + '" cy="' + p[1] +
        '" r="' + r + '"/>');
      s.push(svgText(p[0], p[1] - 4, [[n]], "bpx-name"));
      s.push(svgText(p[0], p[1] + 13, isInput ? [[short(out)]]
        : [[short(out), "out_" + n, out]], "bpx-value"));
      if (!isInput) {
        var ny = p[1] === rows[0] ? p[1] - r - 10 : p[1] + r + 20;
        s.push(svgText(p[0], ny, [["net = "], [short(v["net_" + n]), "net_" + n,
          v["net_" + n]]], "bpx-label"));
      }
    });
    OUTPUTS.forEach(function (o, i) {
      var p = nodes[o];
      s.push(svgText(p[0] + r + 8, p[1] - 4, [[bpText("target {output}",
        { output: short(c.targets[i]) })]],
        "bpx-label bpx-start"));
      s.push(svgText(p[0] + r + 8, p[1] + 13, [["E_" + o + " = "], [short(v["E_" + o]),
        "E_" + o, v["E_" + o]]], "bpx-label bpx-start"));
    });
    s.push(svgText(cols[0], 24, [[bpText("inputs")]], "bpx-head"));
    s.push(svgText(cols[1], 24, [[bpText("hidden, {bias} = {value}",
      { bias: biases[0], value: short(c.biases[0]) })]], "bpx-head"));
    s.push(svgText(cols[2], 24, [[bpText("outputs, {bias} = {value}",
      { bias: biases[1], value: short(c.biases[1]) })]], "bpx-head"));
    s.push(svgText(cols[2], 390, [["E_total = "], [short(v.E_total), "E_total", v.E_total]],
      "bpx-head"));
    s.push("</svg>");
    return s.join("");
  }

  // ---- Check your own numbers (bp.slips, ported in explorer-core.js) -----------------------

  var given = {}; // key -> the text the learner wrote
  var checkKeys = null;
  var checker = el("section", { class: "bpx-check", "aria-labelledby": "bpx-check-title" });
  checker.appendChild(el("h2", { id: "bpx-check-title", text: bpText("Check your own numbers") }));
  checker.appendChild(el("p", { text: bpText("Write the numbers you worked out for the " +
    "configuration above, with as many digits as you have. A value is right when it agrees " +
    "with bp's to the digits you wrote (0.5933 or 0.5932 for 0.593269992…). When some differ, " +
    "the page tries the catalogue of known slips of python -m bp check and names the one that " +
    "gives your numbers.") }));
  var checkFields = el("div", { class: "bpx-check-fields" });
  var diagnosis = el("div", { class: "bpx-diagnosis", "aria-live": "polite" });
  checker.appendChild(checkFields);
  checker.appendChild(diagnosis);

  function renderChecker() {
    var keys = X.jsonKeys(config.bias);
    if (String(keys) !== String(checkKeys)) {
      checkKeys = keys;
      checkFields.innerHTML = "";
      keys.forEach(function (k) {
        var id = "bpx-check-" + k;
        var input = el("input", {
          type: "text", id: id, "data-check-key": k, inputmode: "decimal",
          autocomplete: "off", spellcheck: "false", "aria-describedby": id + "-verdict"
        });
        input.value = given[k] || "";
        input.addEventListener("input", function () {
          given[k] = input.value;
          updateCheck();
        });
        checkFields.appendChild(el("div", { class: "bpx-check-row" }, [
          el("label", { for: id }, [el("code", { text: k })]), input,
          el("span", { id: id + "-verdict", class: "bpx-verdict", "data-verdict": "" })
        ]));
      });
    }
    updateCheck();
  }

  function verdict(k, kind, text) {
    var span = document.getElementById("bpx-check-" + k + "-verdict");
    span.setAttribute("data-verdict", kind);
    span.className = "bpx-verdict" + (kind ? " bpx-verdict-" + kind : "");
    span.textContent = text;
    var input = document.getElementById("bpx-check-" + k);
    if (kind === "wrong" || kind === "bad") input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function updateCheck() {
    var written = {}, bad = null;
    checkKeys.forEach(function (k) {
      var text = given[k] || "";
      if (!text.trim()) return verdict(k, "", "");
      var message = X.badNumber(k, text);
      if (message) {
        bad = bad || message;
        return verdict(k, "bad", message);
      }
      written[k] = text;
    });
    diagnosis.innerHTML = "";
    diagnosis.setAttribute("data-slips", "");
    diagnosis.setAttribute("data-first", "");
    if (bad) {
      diagnosis.appendChild(el("p", { class: "bpx-error", text: bad }));
      return;
    }
    var result = X.check(written, config);
    result.keys.forEach(function (k) {
      if (result.unchecked.indexOf(k) >= 0) verdict(k, "unchecked", bpText("? unchecked"));
      else if (result.differ.indexOf(k) >= 0) verdict(k, "wrong", bpText("✗ wrong"));
      else verdict(k, "right", bpText("✓ right"));
    });
    if (!result.keys.length) return;
    if (result.differ.length) {
      diagnosis.setAttribute("data-first", result.differ[0]);
      diagnosis.setAttribute("data-slips", result.slips.map(function (x) { return x.name; })
        .join(" "));
    }
    // The report of python -m bp check, line by line.
    var lines = X.checkReport(result, written, config);
    lines.forEach(function (line) {
      var p = el("p", { text: line[0] });
      if (line[1]) p.appendChild(el("a", { href: line[1], text: line[1] }));
      diagnosis.appendChild(p);
    });
  }

  // ---- Page -------------------------------------------------------------------------------

  root.innerHTML = "";
  root.appendChild(controls);
  root.appendChild(blocked);
  root.appendChild(actions);
  root.appendChild(linkError);
  root.appendChild(diagramBox);
  root.appendChild(results);
  root.appendChild(checker);

  texts = textsOf(config);
  showTexts();
  render(run(config).values); // the defaults first: a bad link then keeps them on screen
  if (location.hash.length > 1) fromHash();
  else root.setAttribute("data-hash", "");
  window.addEventListener("hashchange", fromHash);
  root.setAttribute("data-ready", "true");
})();

/* The explorer's arithmetic: bp.example.worked_example and the argument checks of
 * `python -m bp trace`, ported to JavaScript.
 *
 * This is a second implementation of the book's math, and it owns no data: the options, their
 * defaults, the worked example's wiring, the names and order of its quantities and the slip
 * catalogue come from bp, in `window.bpData` (_static/bp-data.js, written by the book's build
 * from bp.cli.page_data()). tests/test_explorer_core.py runs this file with Node on the book's
 * configurations against bp; tests/site/test_explorer.py compares every value the page shows
 * with `python -m bp trace --json`. Every expression keeps the order of operations of
 * bp/example/steps.py, so that both sides round the same way.
 *
 * A classic script (no modules, no fetch): the page works from file:// and offline. It defines
 * one global, `bpExplorer`.
 */
(function () {
  "use strict";

  var D = window.bpData;
  if (!D) throw new Error("explorer-core.js needs _static/bp-data.js, loaded before it");

  // A message in the page's language: bpText of bp-language.js (the page's ui.po) where the
  // page has it, as written elsewhere (English pages, Node); each {name} is values[name].
  // Every script of the explorer's pages says its words through this one.
  function bpText(text, values) {
    var said = window.bpText ? window.bpText(text) : text;
    return said.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ?
        String(values[name]) : whole;
    });
  }

  // The values of --bias and --update in the page's words (the address keeps bp's names).
  var CHOICE_WORDS = {
    fixed: bpText("fixed"), shared: bpText("shared"), "per-neuron": bpText("per-neuron"),
    simultaneous: bpText("simultaneous"), sequential: bpText("sequential")
  };

  function choiceWord(value) {
    return Object.prototype.hasOwnProperty.call(CHOICE_WORDS, value) ? CHOICE_WORDS[value] :
      value;
  }

  // A number shown in the page's prose, as its language writes it: bpData.decimal (a
  // translation's, "," in French; none in English) between digits. Fields and code keep ".".
  function prose(text) {
    text = String(text);
    return D.decimal ? text.replace(/(\d)\.(?=\d)/g, "$1" + D.decimal) : text;
  }

  // The command's options in the order of its parser, with how many values each takes.
  var FLAGS = D.options;
  var DEFAULTS = {};
  FLAGS.forEach(function (f) { DEFAULTS[f.name] = f.default; });
  var BIAS_MODES = flagNamed("bias").choices;
  var UPDATE_ORDERS = flagNamed("update").choices;

  // ---- The worked example (bp/example/steps.py) ------------------------------------------

  var MAX_STEPS = D.max_steps;
  var LAYERS = D.layers, WIRING = D.wiring, BIAS_WIRING = D.bias_wiring;
  var HIDDEN = LAYERS[1], OUTPUTS = LAYERS[LAYERS.length - 1];
  var NEURONS = HIDDEN.concat(OUTPUTS);
  var WEIGHTS = Object.keys(WIRING), BIASES = Object.keys(BIAS_WIRING);

  // example.into and example.out_of: [weight, neuron] pairs, in the order w1 ... w8.
  function into(n) {
    return WEIGHTS.filter(function (w) { return WIRING[w][1] === n; })
      .map(function (w) { return [w, WIRING[w][0]]; });
  }

  function outOf(n) {
    return WEIGHTS.filter(function (w) { return WIRING[w][0] === n; })
      .map(function (w) { return [w, WIRING[w][1]]; });
  }

  // example.total: from left to right, as the formula is written.
  function total(terms) {
    return terms.reduce(function (a, b) { return a + b; });
  }

  function zip(names, values) {
    var d = {};
    names.forEach(function (n, i) { d[n] = values[i]; });
    return d;
  }

  function sigma(z) {
    return 1 / (1 + Math.exp(-z)); // bp.activations.sigmoid
  }

  // Python's round(x, d): the double nearest to x rounded to d decimals, ties to even.
  function pyRound(x, d) {
    if (!isFinite(x) || Math.abs(x) >= 1e21) return x;
    var a = Math.abs(x), r = Number(a.toFixed(d)); // exact; a tie goes up
    // x is a tie only if it is an odd multiple of 1 / (2 * 10^d), hence of 1 / 2^(d + 1)
    if (Number.isInteger(a * Math.pow(2, d + 1))) {
      var t = a * Math.pow(10, d), n = Math.floor(t); // both exact here
      if (t - n === 0.5) r = (n % 2 === 0 ? n : n + 1) / Math.pow(10, d);
    }
    return x < 0 ? -r : r;
  }

  function valuesOf(d) {
    return Object.keys(d).map(function (k) { return d[k]; });
  }

  // The rules of one step, each the right one (example.RULES): each equation a learner can get
  // wrong. A slip of the catalogue replaces one, by OVERRIDES below.
  var RULES = {
    weight: function (p, w) { return p[w]; },
    error: function (t, out) { return [0.5 * (t - out) * (t - out), out - t]; },
    slope: function (v, n) { return v["out_" + n] * (1 - v["out_" + n]); },
    dnet_dw: function (p, w, a) { return a; },
    path_weight: function (W, w) { return W[w]; },
    blame: function (paths) { return total(valuesOf(paths)); },
    shared_bias_gradient: function (deltas) { return total(valuesOf(deltas)); },
    written: function (x) { return x; }
  };

  // How a slip replaces a rule, from its params (bp/slips.py, _OVERRIDES).
  var OVERRIDES = {
    weight: function (q) {
      return function (p, w) { return p[q.instead[w] || w]; };
    },
    error: function (q) {
      var half = q.half === undefined ? true : q.half, sign = q.sign === undefined ? 1 : q.sign;
      return function (t, out) {
        return [(half ? 0.5 : 1) * (t - out) * (t - out), sign * (half ? 1 : 2) * (out - t)];
      };
    },
    slope: function (q) {
      return function (v, n) { return RULES.slope(v, q.of[n] || n); };
    },
    dnet_dw: function (q) {
      return function (p, w, a) { return q.weights.indexOf(w) >= 0 ? p[w] : a; };
    },
    path_weight: function (q) {
      return function (W, w) { return W[q.instead[w] || w]; };
    },
    blame: function (q) {
      return function (paths) { return total(q.outputs.map(function (o) { return paths[o]; })); };
    },
    shared_bias_gradient: function (q) {
      return function (deltas) {
        return total(Object.keys(deltas).filter(function (u) { return q.neurons.indexOf(u) >= 0; })
          .map(function (u) { return deltas[u]; }));
      };
    },
    written: function (q) {
      return function (x) { return pyRound(x, q.digits); };
    }
  };

  // The rules a slip of the catalogue follows (all the right ones for none).
  function rulesOf(slip) {
    var r = copy(RULES);
    if (slip && slip.rule) r[slip.rule] = OVERRIDES[slip.rule](slip.params);
    return r;
  }

  // The forward pass on parameters p by the rules r: every net, out and error, by name
  // (steps._forward). x maps each input to its value, t each output to its target. As in bp,
  // the next layer and the errors read the outs as computed; the written values are what the
  // backward pass reads.
  function forward(p, x, t, r) {
    r = r || RULES;
    var W = r.written, v = {}, out = copy(x);
    NEURONS.forEach(function (n) {
      v["net_" + n] = W(total(into(n).map(function (ws) {
        return r.weight(p, ws[0]) * out[ws[1]];
      }).concat([p["b_" + n]])));
      v["out_" + n] = W(out[n] = sigma(v["net_" + n]));
    });
    OUTPUTS.forEach(function (o) { v["E_" + o] = W(r.error(t[o], out[o])[0]); });
    v.E_total = W(total(OUTPUTS.map(function (o) { return v["E_" + o]; })));
    return v;
  }

  function copy(p) {
    var q = {};
    for (var key in p) q[key] = p[key];
    return q;
  }

  // steps._backward: each neuron's blame dE/dout (blame(n)), its slope and delta, then the
  // gradients of the weights into the layer, delta * dnet/dw, and of the biases.
  function backward(layer, blame, v, p, x, r) {
    var W = r.written;
    layer.forEach(function (n) {
      v["dE_dout_" + n] = W(blame(n));
      v["dout_" + n + "_dnet_" + n] = W(r.slope(v, n)); // sigma' = out (1 - out)
      v["delta_" + n] = W(v["dE_dout_" + n] * v["dout_" + n + "_dnet_" + n]);
    });
    layer.forEach(function (n) {
      into(n).forEach(function (ws) {
        var w = ws[0], src = ws[1];
        v["dnet_" + n + "_d" + w] = W(r.dnet_dw(p, w, src in x ? x[src] : v["out_" + src]));
        v["dE_d" + w] = W(v["delta_" + n] * v["dnet_" + n + "_d" + w]);
      });
    });
    // dnet/db = 1: a neuron's own bias gets its delta; a bias shared by the layer, their sum
    layer.forEach(function (u) { v["dE_db_" + u] = W(v["delta_" + u]); });
    BIASES.forEach(function (b) {
      if (String(BIAS_WIRING[b]) !== String(layer)) return;
      v["dE_d" + b] = W(r.shared_bias_gradient(zip(BIAS_WIRING[b],
        BIAS_WIRING[b].map(function (u) { return v["delta_" + u]; }))));
    });
  }

  // The new value of every weight into the neurons of `layer`.
  function updateWeightsInto(layer, next, p, v, lr, W) {
    layer.forEach(function (n) {
      into(n).forEach(function (ws) {
        next[ws[0]] = W(p[ws[0]] - lr * v["dE_d" + ws[0]]);
      });
    });
  }

  // One forward pass, one backward pass and one update by the rules r (steps._step).
  function step(p, x, t, lr, bias, update, r) {
    r = r || RULES;
    var written = r.written, v = forward(p, x, t, r), next = {};
    for (var key in p) next[key] = written(p[key]);
    // A hidden neuron's blame comes back along the output weights. Correct: the old ones. The
    // sequential mistake: the new ones, updated first.
    var W = update === "simultaneous" ? p : next;
    function outputBlame(o) { return r.error(t[o], v["out_" + o])[1]; }
    function hiddenBlame(h) { // out_h feeds every output: one path through each, and they add
      var paths = {};
      outOf(h).forEach(function (wo) {
        v["dE" + wo[1] + "_dout_" + h] = written(v["delta_" + wo[1]] * r.path_weight(W, wo[0]));
        paths[wo[1]] = v["dE" + wo[1] + "_dout_" + h];
      });
      return r.blame(paths);
    }
    backward(OUTPUTS, outputBlame, v, p, x, r);
    updateWeightsInto(OUTPUTS, next, p, v, lr, written);
    backward(HIDDEN, hiddenBlame, v, p, x, r);
    updateWeightsInto(HIDDEN, next, p, v, lr, written);
    if (bias === "shared") {
      BIASES.forEach(function (b) {
        BIAS_WIRING[b].forEach(function (u) {
          next["b_" + u] = written(p["b_" + u] - lr * v["dE_d" + b]);
        });
      });
    } else if (bias === "per-neuron") {
      NEURONS.forEach(function (u) {
        next["b_" + u] = written(p["b_" + u] - lr * v["dE_db_" + u]);
      });
    }
    return [v, next];
  }

  // The parameters a configuration starts from: w1 ... w8, then each neuron's bias at its
  // layer's value (b_h1, b_h2, b_o1, b_o2).
  function startParameters(c) {
    var p = zip(WEIGHTS, c.weights);
    BIASES.forEach(function (b, i) {
      BIAS_WIRING[b].forEach(function (u) { p["b_" + u] = c.biases[i]; });
    });
    return p;
  }

  // Python's repr of a float, for the messages.
  function pyFloat(x) {
    if (isNaN(x)) return "nan";
    if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
    return String(x);
  }

  // steps._check_finite: the first value (in the order computed) that overflowed.
  function checkFinite(values, when) {
    for (var key in values) {
      if (!isFinite(values[key])) {
        throw new RangeError(bpText("the worked example overflowed: {key} is {value} {when} " +
          "(from finite inputs); try smaller inputs, targets, weights or learning rate",
          { key: key, value: pyFloat(values[key]), when: when }));
      }
    }
  }

  // bp.slips.trace (bp.example.worked_example without a slip): every named quantity of the
  // first step, the parameters after the last step (`w1_new` ...) and the error and outputs
  // after it. c is a configuration the command line accepts; slip, optional, an entry of the
  // catalogue. Throws a RangeError with bp's message when steps exceed MAX_STEPS or a value
  // overflows.
  function workedExample(c, slip) {
    if (c.steps > MAX_STEPS) {
      throw new RangeError(bpText("steps must be <= {max}; got {steps}",
        { max: MAX_STEPS, steps: c.steps }));
    }
    var r = rulesOf(slip), run = copy(c);
    for (var setting in (slip && slip.config) || {}) run[setting] = slip.config[setting];
    var x = zip(LAYERS[0], c.inputs), t = zip(OUTPUTS, c.targets);
    var p = startParameters(c);
    var first = null, history = [];
    for (var s = 1; s <= c.steps; s++) {
      var done = step(p, x, t, run.lr, run.bias, run.update, r);
      p = done[1];
      checkFinite(done[0], bpText("at step {s}", { s: s }));
      var updated = {};
      for (var key in p) updated[key + "_new"] = p[key];
      checkFinite(updated, bpText("in the update of step {s}", { s: s }));
      history.push(done[0].E_total);
      first = first || done[0];
    }
    var after = forward(p, x, t, r);
    checkFinite(after, bpText("after step {s}", { s: c.steps }));
    history.push(after.E_total);
    var values = copy(first);
    for (key in p) values[key + "_new"] = p[key];
    BIASES.forEach(function (b) { values[b + "_new"] = p["b_" + BIAS_WIRING[b][0]]; });
    values.E_after = after.E_total;
    OUTPUTS.forEach(function (o) { values["out_" + o + "_after"] = after["out_" + o]; });
    Object.defineProperty(values, "history", { value: history, enumerable: false });
    return values;
  }

  // The quantities bp prints, by group (bp.example.quantities), for a bias mode.
  function quantities(bias) {
    return D.quantities[bias];
  }

  // The keys of `python -m bp trace --json`, in its order (bp.example.json_keys).
  function jsonKeys(bias) {
    var q = quantities(bias), keys = [];
    for (var group in q) keys = keys.concat(q[group]);
    return keys;
  }

  // ---- The network diagram's geometry (bp/plotting/diagram.py's labelling rule) ---------

  // Where the neurons and the weights' labels go: each layer of bp's wiring a column (x from
  // cols), its neurons in rows (y from rows), neurons of radius r. Which weight joins which
  // neurons is bp's (WIRING); each weight's label lies on its own edge, turned along it, as in
  // the book's figures: at the middle of an edge that crosses none, and on an edge that crosses
  // another halfway between the rim of the neuron it leaves and the first crossing, so that no
  // label sits on a crossing or touches a neuron. Returns {nodes: {neuron: [x, y]}, edges:
  // {weight: {from, to, x, y, angle (degrees, clockwise on screen), crossings: [[x, y] ...]}}}.
  function diagramLayout(cols, rows, r) {
    var nodes = {}, edges = {};
    LAYERS.forEach(function (layer, l) {
      layer.forEach(function (n, j) { nodes[n] = [cols[l], rows[j]]; });
    });
    WEIGHTS.forEach(function (w) {
      var a = nodes[WIRING[w][0]], b = nodes[WIRING[w][1]];
      var length = Math.hypot(b[0] - a[0], b[1] - a[1]), crossings = [], first = 1;
      WEIGHTS.forEach(function (v) {
        var at = crossing(a, b, nodes[WIRING[v][0]], nodes[WIRING[v][1]]);
        if (at === null) return;
        crossings.push([a[0] + at * (b[0] - a[0]), a[1] + at * (b[1] - a[1])]);
        first = Math.min(first, at);
      });
      var t = crossings.length ? (r / length + first) / 2 : 0.5;
      edges[w] = {
        from: a, to: b, x: a[0] + t * (b[0] - a[0]), y: a[1] + t * (b[1] - a[1]),
        angle: Math.atan2(b[1] - a[1], b[0] - a[0]) * 180 / Math.PI, crossings: crossings
      };
    });
    return { nodes: nodes, edges: edges };
  }

  // Where the segment p-q crosses the segment r-s, as a fraction of p-q, strictly inside both;
  // null when they do not cross (or share a neuron).
  function crossing(p, q, r, s) {
    var d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0]);
    if (d === 0) return null;
    var t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d;
    var u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d;
    return t > 0 && t < 1 && u > 0 && u < 1 ? t : null;
  }

  // The rule that computes each quantity of one step, in symbols, by key: the right-hand side of
  // bp's templates (bp.walk.plan, in bp-data's `walk`) for a bias mode and an update order.
  // A quantity the step does not compute (the other bias convention's gradients) has none.
  function rules(bias, update) {
    var W = D.walk, r = {};
    W.plans[bias + " " + update + " - 1"].forEach(function (i) {
      var t = W.templates[i], eq = t.rule.indexOf(" = ");
      if (t.rule.slice(0, eq) === t.key) r[t.key] = t.rule.slice(eq + 3);
    });
    return r;
  }

  // ---- Finite differences (bp.gradcheck.numerical_gradient) ------------------------------

  var EPS = D.eps;
  // Which parameters a gradient key moves: a shared or fixed bias b1 feeds both hidden neurons.
  var MOVES = {};
  WEIGHTS.forEach(function (w) { MOVES["dE_d" + w] = [w]; });
  BIASES.forEach(function (b) {
    MOVES["dE_d" + b] = BIAS_WIRING[b].map(function (u) { return "b_" + u; });
  });
  NEURONS.forEach(function (u) { MOVES["dE_db_" + u] = ["b_" + u]; });

  // The central difference (E(x + eps) - E(x - eps)) / (2 eps) of E_total at the starting
  // parameters, for the gradient named `key`.
  function finiteDifference(c, key) {
    var p = startParameters(c), names = MOVES[key];
    var x = zip(LAYERS[0], c.inputs), t = zip(OUTPUTS, c.targets);
    function error(sign) {
      var q = copy(p);
      names.forEach(function (n) { q[n] = p[n] + sign * EPS; });
      return forward(q, x, t).E_total;
    }
    return (error(1) - error(-1)) / (2 * EPS);
  }

  // ---- The command line's argument checks (bp/cli.py and argparse) -------------------------

  // What Python's repr escapes (str.isprintable is false), but the space.
  var UNPRINTABLE = /(?! )[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/gu;

  // Python's repr of a str, for the messages: 'abc', or "it's".
  function pyRepr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t").replace(UNPRINTABLE, function (ch) {
        var n = ch.codePointAt(0), hex = n.toString(16);
        if (n < 0x100) return "\\x" + ("0" + hex).slice(-2);
        if (n < 0x10000) return "\\u" + ("000" + hex).slice(-4);
        return "\\U" + ("0000000" + hex).slice(-8);
      });
    if (q === "'") body = body.replace(/'/g, "\\'");
    return q + body + q;
  }

  // One grammar of numbers for the page and the command line: the regular expressions of
  // bp._checks (NUMBER, NONFINITE, INTEGER, NEGATIVE), whose source reads the same in both
  // languages. Only the ASCII digits are digits; underscores may group them, as in Python.
  var GRAMMAR = D.grammar;
  var NUMBER = new RegExp(GRAMMAR.NUMBER), NONFINITE = new RegExp(GRAMMAR.NONFINITE, "i");
  var INT = new RegExp(GRAMMAR.INTEGER);
  // argparse reads a value that starts with "-" as an option unless it looks like a number
  // (bp's parser: anything but a letter after the "-", and -inf, -nan, refused later).
  var NEGATIVE_NUMBER = new RegExp(GRAMMAR.NEGATIVE, "i");
  var OTHER_DIGIT = /(?![0-9])\p{Nd}/u; // a decimal digit of another script, such as ١

  // bp._checks.number_problem: what a number written as `text` must be, or null.
  function numberProblem(text) {
    if (NUMBER.test(text)) return null;
    if (NONFINITE.test(text)) return bpText("a finite number");
    var pointed = text.replace(",", ".");
    if (text.indexOf(".") < 0 && NUMBER.test(pointed)) {
      return bpText("a number with a decimal point, such as {example}",
        { example: pointed.trim() });
    }
    if (OTHER_DIGIT.test(text)) return bpText("a number written with the digits 0 to 9");
    return bpText("a number");
  }

  function looksLikeOption(s) {
    return s.length > 1 && s.charAt(0) === "-" && !NEGATIVE_NUMBER.test(s) &&
      s.indexOf(" ") < 0;
  }

  // One value of one option, converted as bp/cli.py's type functions do: [value, error].
  function convert(flag, text) {
    if (flag.type === "choice") {
      if (flag.choices.indexOf(text) < 0) {
        return [null, bpText("invalid choice: {text} (choose from {choices})",
          { text: pyRepr(text), choices: flag.choices.map(pyRepr).join(", ") })];
      }
      return [text, null];
    }
    if (flag.type === "count") {
      var n = INT.test(text) && text.length <= 100 ? Number(text.replace(/_/g, "")) : NaN;
      if (!(n >= 1 && n <= MAX_STEPS)) {
        return [null, bpText("expected a whole number from 1 to {max}, got {text}",
          { max: MAX_STEPS, text: pyRepr(text) })];
      }
      return [n, null];
    }
    var problem = numberProblem(text);
    if (problem !== null) {
      return [null, bpText("expected {problem}, got {text}",
        { problem: problem, text: pyRepr(text) })];
    }
    var x = Number(text.replace(/_/g, ""));
    if (x === 0 && /[1-9]/.test(text.split(/[eE]/)[0])) { // 1e-400: no float holds it
      return [null, bpText("expected a number a float can hold (this one reads as 0), got {text}",
        { text: pyRepr(text) })];
    }
    if (!isFinite(x)) {
      return [null, bpText("expected a finite number, got {text}", { text: pyRepr(text) })];
    }
    if (flag.type === "positive" && x <= 0) {
      return [null, bpText("expected a number > 0, got {text}", { text: pyRepr(text) })];
    }
    return [x, null];
  }

  function flagNamed(name) {
    for (var i = 0; i < FLAGS.length; i++) if (FLAGS[i].name === name) return FLAGS[i];
    return null;
  }

  // The values of one option (a list of strings) checked as argparse would: a value for the
  // configuration, or the one-line message `python -m bp trace` prints after "error: ".
  function checkOption(name, texts) {
    var flag = flagNamed(name), want = flag.n === null ? 1 : flag.n;
    var taken = 0;
    while (taken < texts.length && taken < want && !looksLikeOption(texts[taken])) taken++;
    if (taken < want) {
      var expected = flag.n === null ? bpText("expected one argument")
        : bpText("expected {n} arguments", { n: want });
      return { error: "argument --" + name + ": " + expected };
    }
    var values = [];
    for (var i = 0; i < want; i++) {
      var r = convert(flag, texts[i]);
      if (r[1] !== null) return { error: "argument --" + name + ": " + r[1], index: i };
      values.push(r[0]);
    }
    return { value: flag.n === null ? values[0] : values, extra: texts.slice(want) };
  }

  // A URL hash (without "#") -> {config} or {error, flag}: what `python -m bp trace --NAME V1
  // V2 ...` makes of the same options, in the same order. Missing options take their defaults.
  function parseHash(hash) {
    var config = copy(DEFAULTS), extra = [], raw = {};
    var parts = hash ? hash.split("&") : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "") continue;
      var eq = parts[i].indexOf("=");
      var name = eq < 0 ? parts[i] : parts[i].slice(0, eq);
      var text = eq < 0 ? "" : parts[i].slice(eq + 1);
      try {
        name = decodeURIComponent(name);
        text = decodeURIComponent(text.replace(/\+/g, " "));
      } catch (e) {
        return { error: bpText("could not read the link: {part}", { part: parts[i] }), flag: null };
      }
      var texts = text === "" ? [] : text.split(",");
      if (!flagNamed(name)) {
        extra = extra.concat(["--" + name], texts);
        continue;
      }
      raw[name] = texts;
      var r = checkOption(name, texts);
      if (r.error) return { error: r.error, flag: name, index: r.index, raw: raw };
      config[name] = r.value;
      extra = extra.concat(r.extra);
    }
    if (extra.length) {
      return { error: bpText("unrecognized arguments: {extra}", { extra: extra.join(" ") }),
        flag: null, raw: raw };
    }
    return { config: config, raw: raw };
  }

  // The shortest text that reads back as the same double (JavaScript's and Python's repr).
  function repr(x) {
    return String(x);
  }

  function toHash(c) {
    return FLAGS.map(function (f) {
      var v = c[f.name];
      return f.name + "=" + (f.n === null ? String(v) : v.map(repr).join(","));
    }).join("&");
  }

  // ---- Check your own numbers (bp/slips.py) ---------------------------------------------

  // The catalogue of known slips (bp.slips.catalogue()): each slip a replaced rule of the same
  // step (or another update order or bias mode), never numbers of its own.
  var SLIPS = D.catalogue;

  // bp.slips.MAX_EXPONENT, MAX_DECIMALS: a written value is smaller than 1e309 in size and has
  // no digit beyond the 400th decimal place, so that every comparison below is quick.
  var MAX_EXPONENT = D.check.max_exponent, MAX_DECIMALS = D.check.max_decimals;
  // bp.slips.MAX_DIGITS: the significant digits bp vouches for; digits beyond are not compared.
  var MAX_DIGITS = D.check.max_digits;

  // A number written as text, as bp.slips reads it (decimal.Decimal): {negative, digits (a
  // BigInt, the significant digits written; 0 for a zero), exp (that of the last digit)}, or
  // {error: the message of bp.slips for `key`}.
  function parseWritten(key, text) {
    var problem = numberProblem(text);
    if (problem !== null) {
      return { error: bpText("{key} must be {problem}; got {text}",
        { key: key, problem: problem, text: pyRepr(text) }) };
    }
    var m = NUMBER.exec(text), bound = { error: bpText("{key} must be a number smaller than " +
      "1e{exponent} in size, with no digit beyond the {decimals}th decimal place; got {text}",
      { key: key, exponent: MAX_EXPONENT + 1, decimals: MAX_DECIMALS, text: pyShown(text) }) };
    var whole = (m[2] || "").replace(/_/g, ""), frac = (m[3] || "").replace(/_/g, "");
    var exponent = (m[4] || "0").replace(/_/g, ""), digits = (whole + frac).replace(/^0+/, "");
    var zero = { negative: m[1] === "-", digits: BigInt(0), exp: 0 };
    if (exponent.replace(/^[+-]?0*/, "").length > 6) return digits ? bound : zero;
    if (!digits) return zero;
    var exp = Number(exponent) - frac.length;
    if (exp + digits.length - 1 > MAX_EXPONENT || exp < -MAX_DECIMALS) return bound;
    return { negative: m[1] === "-", digits: BigInt(digits), exp: exp };
  }

  // _checks.shown: a repr, shortened to 60 characters.
  function pyShown(text) {
    var r = pyRepr(text);
    return r.length <= 60 ? r : r.slice(0, 57) + "...";
  }

  // A float as its shortest repr's digits, read as parseWritten reads a text.
  function exactOf(value) {
    return parseWritten("value", pyFloatRepr(value));
  }

  // bp.slips.significant_digits: from the first nonzero digit to the last; 0 for a zero.
  function significantDigits(text) {
    var d = parseWritten("written", text);
    if (d.error) throw new RangeError(d.error);
    return d.digits === BigInt(0) ? 0 : d.digits.toString().length;
  }

  // bp.slips.agrees: whether `written` (text) agrees with `value` in every digit written, its
  // shortest repr rounded half up or cut at the last digit written. A zero agrees only with 0.
  function agrees(written, value) {
    var d = parseWritten("written", written);
    if (d.error) return false;
    if (d.digits === BigInt(0)) return value === 0;
    var claims = [signed(d)], place = d.exp, n = d.digits.toString().length;
    var finest = Math.max(d.exp + n - MAX_DIGITS, -323); // no float has a digit below 1e-323
    if (d.exp < finest) { // only the digits bp has are compared
      place = finest;
      claims = roundings(d.digits, d.exp, place).map(function (q) {
        return d.negative ? -q : q;
      });
    }
    var exact = exactOf(value);
    return roundings(exact.digits, exact.exp, place).some(function (q) {
      return claims.indexOf(exact.negative ? -q : q) >= 0;
    });
  }

  // digits * 10^exp at the place 10^place, cut and half up (away from 0): [cut, rounded].
  function roundings(digits, exp, place) {
    if (exp >= place) return [digits * BigInt(10) ** BigInt(exp - place)];
    var unit = BigInt(10) ** BigInt(place - exp), down = digits / unit;
    return [down, BigInt(2) * (digits % unit) >= unit ? down + BigInt(1) : down];
  }

  function signed(d) {
    return d.negative ? -d.digits : d.digits;
  }

  // bp.slips._plain: digits times 10^exp as Python prints a float (plain from 1e-4 on).
  function plainText(negative, digits, exp) {
    var c = digits.toString(), top = exp + c.length - 1, text;
    if (exp <= 0 && top >= -4) {
      var point = c.length + exp;
      text = point <= 0 ? "0." + "0".repeat(-point) + c
        : c.slice(0, point) + (exp ? "." : "") + c.slice(point);
    } else {
      text = c.charAt(0) + (c.length > 1 ? "." + c.slice(1) : "") + "e" + (top < 0 ? "-" : "+") +
        (Math.abs(top) < 10 ? "0" : "") + Math.abs(top);
    }
    return (negative ? "-" : "") + text;
  }

  // bp.slips.rounded_like: value rounded (half up) to as many significant digits as `written`.
  function roundedLike(written, value) {
    var n = Math.min(Math.max(significantDigits(written), 1), MAX_DIGITS);
    var exact = exactOf(value);
    if (exact.digits === BigInt(0)) return "0";
    var c = exact.digits, e = exact.exp, place = e + c.toString().length - n;
    var q = roundings(c, e, place).pop();
    if (q.toString().length > n) { // 0.99 to one digit: 1.0 is 1 at the next place
      q /= BigInt(10);
      place += 1;
    }
    return plainText(exact.negative, q, place);
  }

  // Python's repr of a float: 0.0822..., 1e-05, 1e+16, 2.0.
  function pyFloatRepr(x) {
    if (!isFinite(x)) return pyFloat(x);
    if (x === 0) return 1 / x < 0 ? "-0.0" : "0.0";
    var parts = Math.abs(x).toExponential().split("e"); // shortest round-trip digits
    var digits = parts[0].replace(".", ""), e = Number(parts[1]), text;
    if (e >= -4 && e < 16) {
      if (e >= digits.length - 1) text = digits + "0".repeat(e - digits.length + 1) + ".0";
      else if (e >= 0) text = digits.slice(0, e + 1) + "." + digits.slice(e + 1);
      else text = "0." + "0".repeat(-e - 1) + digits;
    } else {
      text = digits.charAt(0) + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" +
        (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    return (x < 0 ? "-" : "") + text;
  }

  // The message bp.slips gives a value that is not a number it can check, or null.
  function badNumber(key, text) {
    var d = parseWritten(key, text);
    return d.error || null;
  }

  function slipApplies(slip, c) {
    return Object.keys(slip.applies_to).every(function (k) {
      return slip.applies_to[k].indexOf(c[k]) >= 0;
    });
  }

  // The worked examples check() compares with, bp's and each slip's, for the configuration it
  // was last asked about: a learner typing asks again on every keystroke, with the same
  // configuration, and the examples of one of 10000 steps take thousands of steps each.
  var examples = { of: null, by: {} };

  function checkedExample(c, slip) {
    var key = JSON.stringify(c), name = slip ? slip.name : "";
    if (examples.of !== key) examples = { of: key, by: {} };
    if (!(name in examples.by)) {
      try {
        examples.by[name] = { values: workedExample(c, slip) };
      } catch (e) {
        examples.by[name] = { error: e };
      }
    }
    if (examples.by[name].error) throw examples.by[name].error;
    return examples.by[name].values;
  }

  // bp.slips.check: the keys whose written values differ from bp's (in the order of the
  // computation), and the slips whose numbers agree with every value given.
  // A written zero ("0", "0.000") certifies nothing: unchecked where bp's value is not 0.
  function check(given, c) {
    var expected = checkedExample(c), differ = [], keys = [], unchecked = [], zeros = {};
    for (var key in expected) if (key in given) keys.push(key);
    keys.forEach(function (k) {
      zeros[k] = significantDigits(given[k]) === 0;
      if (zeros[k]) {
        if (expected[k] !== 0) unchecked.push(k);
      } else if (!agrees(given[k], expected[k])) {
        differ.push(k);
      }
    });
    var slips = [], checked = keys.filter(function (k) { return !zeros[k]; });
    if (differ.length) {
      SLIPS.forEach(function (slip) {
        if (!slipApplies(slip, c)) return;
        var theirs;
        try {
          theirs = checkedExample(c, slip);
        } catch (e) {
          return; // the slip overflows: it cannot be what the learner did
        }
        if (checked.every(function (k) { return agrees(given[k], theirs[k]); })) slips.push(slip);
      });
    }
    return {
      expected: expected, differ: differ, slips: slips, keys: keys, unchecked: unchecked,
      ok: !differ.length && !unchecked.length
    };
  }

  // The configuration checked, as the options of `python -m bp check` (bp.cli._options).
  function optionsText(c) {
    return FLAGS.map(function (f) {
      var v = c[f.name];
      var texts = f.n === null ? [f.type === "positive" ? pyFloatRepr(v) : String(v)]
        : v.map(pyFloatRepr);
      return ["--" + f.name].concat(texts).join(" ");
    }).join(" ");
  }

  // The report of `python -m bp check`, line by line (bp.cli._check_report): each line a list
  // [text] or [text, link]. result: of check(); written: the texts; c: the configuration;
  // verdictOnly: without the expected value (`bp check --verdict-only`).
  function checkReport(result, written, c, verdictOnly) {
    var n = result.keys.length, differ = result.differ, unchecked = result.unchecked;
    var lines = result.ok ?
      [[bpText("All {n} value(s) agree with bp, to the digits you wrote.", { n: n })]] : [];
    if (differ.length) {
      var first = differ[0], text = written[first];
      lines.push([bpText("{differ} of {n} value(s) differ from bp. The first, in the order " +
        "of the computation: {first}", { differ: differ.length, n: n, first: first })]);
      if (!verdictOnly) {
        lines.push([bpText("  expected {rounded}  (exactly {exact})", {
          rounded: roundedLike(text, result.expected[first]),
          exact: pyFloatRepr(result.expected[first]) })]);
      }
      lines.push([bpText("  given    {text}", { text: text.trim() })]);
      if (differ.length > 1) {
        lines.push([bpText("Also differ: {keys}", { keys: differ.slice(1).join(", ") })]);
      }
      result.slips.forEach(function (slip) {
        lines.push([bpText("Your numbers are those of a known slip, {name}: {description}",
          { name: slip.name, description: slip.description })]);
        lines.push([bpText("  The book explains it in "), slip.url]);
      });
      if (!result.slips.length && first === result.keys[0]) {
        lines.push([bpText("No known slip reproduces your numbers, and the first you gave, " +
          "{first}, already differs: you probably worked with another configuration than " +
          "the one checked:", { first: first })]);
        lines.push(["  " + optionsText(c)]);
        lines.push([bpText("  Give yours with these options, or recompute from {first}.",
          { first: first })]);
      } else if (!result.slips.length) {
        lines.push([bpText("No known slip reproduces all your numbers: recompute from {first}.",
          { first: first })]);
      }
    }
    if (unchecked.length) {
      lines.push([bpText("Not checked, no significant digit: {keys}. A 0 (or 0.000) agrees " +
        "with any value small enough, so it certifies nothing: write your value to its first " +
        "nonzero digit at least.", { keys: unchecked.join(", ") })]);
    }
    if (!differ.length && unchecked.length && unchecked.length < n) {
      lines.push([bpText("The other {n} value(s) agree with bp, to the digits you wrote.",
        { n: n - unchecked.length })]);
    }
    var long = result.keys.filter(function (k) {
      return significantDigits(written[k]) > MAX_DIGITS;
    });
    if (long.length) {
      lines.push([bpText("Only the first {digits} significant digits of {keys} are compared: " +
        "bp computes in float64.", { digits: MAX_DIGITS, keys: long.join(", ") })]);
    }
    return lines;
  }

  window.bpExplorer = {
    bpText: bpText,
    prose: prose,
    choiceWord: choiceWord,
    DEFAULTS: DEFAULTS,
    BIAS_MODES: BIAS_MODES,
    UPDATE_ORDERS: UPDATE_ORDERS,
    FLAGS: FLAGS,
    MAX_STEPS: MAX_STEPS,
    EPS: EPS,
    RULES: RULES,
    SLIPS: SLIPS,
    LAYERS: LAYERS,
    WIRING: WIRING,
    BIAS_WIRING: BIAS_WIRING,
    into: into,
    outOf: outOf,
    quantities: quantities,
    rules: rules,
    pyRound: pyRound,
    GRAMMAR: GRAMMAR,
    numberProblem: numberProblem,
    significantDigits: significantDigits,
    checkReport: checkReport,
    agrees: agrees,
    roundedLike: roundedLike,
    pyFloatRepr: pyFloatRepr,
    pyRepr: pyRepr,
    badNumber: badNumber,
    check: check,
    sigma: sigma,
    forward: forward,
    step: step,
    startParameters: startParameters,
    workedExample: workedExample,
    jsonKeys: jsonKeys,
    finiteDifference: finiteDifference,
    diagramLayout: diagramLayout,
    convert: convert,
    checkOption: checkOption,
    flagNamed: flagNamed,
    parseHash: parseHash,
    toHash: toHash,
    repr: repr,
    copy: copy
  };
})();

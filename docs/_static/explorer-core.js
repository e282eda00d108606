/* The explorer's arithmetic: bp.example.worked_example and the argument checks of
 * `python -m bp trace`, ported line by line to JavaScript.
 *
 * This is a second implementation of the book's math. tests/site/test_explorer.py proves it
 * equal to bp: every value the page shows is compared with `python -m bp trace --json` for the
 * same options. Every expression below keeps the order of operations of bp/example.py, so that
 * both sides round the same way.
 *
 * A classic script (no modules, no fetch): the page works from file:// and offline. It defines
 * one global, `bpExplorer`.
 */
(function () {
  "use strict";

  var DEFAULTS = {
    inputs: [0.05, 0.1],
    targets: [0.01, 0.99],
    weights: [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55],
    biases: [0.35, 0.6],
    lr: 0.5,
    bias: "fixed",
    update: "simultaneous",
    steps: 1
  };
  var BIAS_MODES = ["fixed", "shared", "per-neuron"];
  var UPDATE_ORDERS = ["simultaneous", "sequential"];
  // The largest --steps the command line accepts (null: no upper bound).
  var MAX_STEPS = null;
  // The command's options in the order of its parser, with how many values each takes.
  var FLAGS = [
    { name: "inputs", n: 2, type: "finite" },
    { name: "targets", n: 2, type: "finite" },
    { name: "weights", n: 8, type: "finite" },
    { name: "biases", n: 2, type: "finite" },
    { name: "lr", n: null, type: "positive" },
    { name: "bias", n: null, type: "choice", choices: BIAS_MODES },
    { name: "update", n: null, type: "choice", choices: UPDATE_ORDERS },
    { name: "steps", n: null, type: "count" }
  ];

  // ---- The worked example (bp/example.py) ------------------------------------------------

  function sigma(z) {
    return 1 / (1 + Math.exp(-z)); // bp.activations.sigmoid
  }

  // The forward pass on parameters p: every net, out and error, by name (example._forward).
  function forward(p, i1, i2, t1, t2) {
    var v = {};
    v.net_h1 = p.w1 * i1 + p.w2 * i2 + p.b_h1;
    v.out_h1 = sigma(v.net_h1);
    v.net_h2 = p.w3 * i1 + p.w4 * i2 + p.b_h2;
    v.out_h2 = sigma(v.net_h2);
    v.net_o1 = p.w5 * v.out_h1 + p.w6 * v.out_h2 + p.b_o1;
    v.out_o1 = sigma(v.net_o1);
    v.net_o2 = p.w7 * v.out_h1 + p.w8 * v.out_h2 + p.b_o2;
    v.out_o2 = sigma(v.net_o2);
    v.E_o1 = 0.5 * (t1 - v.out_o1) * (t1 - v.out_o1);
    v.E_o2 = 0.5 * (t2 - v.out_o2) * (t2 - v.out_o2);
    v.E_total = v.E_o1 + v.E_o2;
    return v;
  }

  function copy(p) {
    var q = {};
    for (var k in p) q[k] = p[k];
    return q;
  }

  // One forward pass, one backward pass and one update (example._step).
  function step(p, i1, i2, t1, t2, lr, bias, update) {
    var v = forward(p, i1, i2, t1, t2);
    [["o1", t1], ["o2", t2]].forEach(function (ot) {
      var o = ot[0], t = ot[1];
      v["dE_dout_" + o] = v["out_" + o] - t;
      v["dout_" + o + "_dnet_" + o] = v["out_" + o] * (1 - v["out_" + o]);
      v["delta_" + o] = v["dE_dout_" + o] * v["dout_" + o + "_dnet_" + o];
    });
    [["w5", "o1", "h1"], ["w6", "o1", "h2"], ["w7", "o2", "h1"], ["w8", "o2", "h2"]].forEach(
      function (r) {
        v["dnet_" + r[1] + "_d" + r[0]] = v["out_" + r[2]];
        v["dE_d" + r[0]] = v["delta_" + r[1]] * v["dnet_" + r[1] + "_d" + r[0]];
      }
    );
    v.dE_db_o1 = v.delta_o1;
    v.dE_db_o2 = v.delta_o2;
    v.dE_db2 = v.delta_o1 + v.delta_o2;

    var next = copy(p);
    ["w5", "w6", "w7", "w8"].forEach(function (w) {
      next[w] = p[w] - lr * v["dE_d" + w];
    });
    // Correct: the old output weights. The sequential mistake: the ones just updated.
    var W = update === "simultaneous" ? p : next;
    [["h1", "w5", "w7"], ["h2", "w6", "w8"]].forEach(function (r) {
      var h = r[0];
      v["dEo1_dout_" + h] = v.delta_o1 * W[r[1]];
      v["dEo2_dout_" + h] = v.delta_o2 * W[r[2]];
      v["dE_dout_" + h] = v["dEo1_dout_" + h] + v["dEo2_dout_" + h];
      v["dout_" + h + "_dnet_" + h] = v["out_" + h] * (1 - v["out_" + h]);
      v["delta_" + h] = v["dE_dout_" + h] * v["dout_" + h + "_dnet_" + h];
    });
    [["w1", "h1", i1], ["w2", "h1", i2], ["w3", "h2", i1], ["w4", "h2", i2]].forEach(function (r) {
      v["dnet_" + r[1] + "_d" + r[0]] = r[2];
      v["dE_d" + r[0]] = v["delta_" + r[1]] * r[2];
      next[r[0]] = p[r[0]] - lr * v["dE_d" + r[0]];
    });
    v.dE_db_h1 = v.delta_h1;
    v.dE_db_h2 = v.delta_h2;
    v.dE_db1 = v.delta_h1 + v.delta_h2;

    if (bias === "shared") {
      next.b_h1 = p.b_h1 - lr * v.dE_db1;
      next.b_h2 = p.b_h2 - lr * v.dE_db1;
      next.b_o1 = p.b_o1 - lr * v.dE_db2;
      next.b_o2 = p.b_o2 - lr * v.dE_db2;
    } else if (bias === "per-neuron") {
      ["h1", "h2", "o1", "o2"].forEach(function (u) {
        next["b_" + u] = p["b_" + u] - lr * v["dE_db_" + u];
      });
    }
    return [v, next];
  }

  function startParameters(c) {
    var p = {};
    for (var i = 0; i < 8; i++) p["w" + (i + 1)] = c.weights[i];
    p.b_h1 = c.biases[0];
    p.b_h2 = c.biases[0];
    p.b_o1 = c.biases[1];
    p.b_o2 = c.biases[1];
    return p;
  }

  // bp.example.worked_example: every named quantity of the first step, the parameters after
  // the last step (`w1_new` ...) and the error and outputs after it. c is a valid configuration.
  function workedExample(c) {
    var i1 = c.inputs[0], i2 = c.inputs[1], t1 = c.targets[0], t2 = c.targets[1];
    var p = startParameters(c);
    var first = null, history = [];
    for (var s = 0; s < c.steps; s++) {
      var r = step(p, i1, i2, t1, t2, c.lr, c.bias, c.update);
      p = r[1];
      history.push(r[0].E_total);
      first = first || r[0];
    }
    var after = forward(p, i1, i2, t1, t2);
    history.push(after.E_total);
    var values = copy(first);
    for (var k in p) values[k + "_new"] = p[k];
    values.b1_new = p.b_h1;
    values.b2_new = p.b_o1;
    values.E_after = after.E_total;
    values.out_o1_after = after.out_o1;
    values.out_o2_after = after.out_o2;
    values.history = history;
    return values;
  }

  // The keys of `python -m bp trace --json`, in its order (Trace.json_dict).
  function jsonKeys(bias) {
    var units = ["h1", "h2", "o1", "o2"];
    var keys = ["net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"];
    keys = keys.concat(["E_o1", "E_o2", "E_total"]);
    for (var i = 1; i <= 8; i++) keys.push("dE_dw" + i);
    var perNeuron = bias === "per-neuron";
    keys = keys.concat(perNeuron ? units.map(function (u) { return "dE_db_" + u; })
      : ["dE_db1", "dE_db2"]);
    for (i = 1; i <= 8; i++) keys.push("w" + i + "_new");
    keys = keys.concat(perNeuron ? units.map(function (u) { return "b_" + u + "_new"; })
      : ["b1_new", "b2_new"]);
    return keys.concat(["E_after", "out_o1_after", "out_o2_after"]);
  }

  // ---- Finite differences (bp.gradcheck.numerical_gradient, eps 1e-6) ----------------------

  var EPS = 1e-6;
  // Which parameters a gradient key moves: a shared or fixed bias b1 feeds both hidden neurons.
  var MOVES = {
    dE_db1: ["b_h1", "b_h2"], dE_db2: ["b_o1", "b_o2"],
    dE_db_h1: ["b_h1"], dE_db_h2: ["b_h2"], dE_db_o1: ["b_o1"], dE_db_o2: ["b_o2"]
  };
  for (var w = 1; w <= 8; w++) MOVES["dE_dw" + w] = ["w" + w];

  // The central difference (E(x + eps) - E(x - eps)) / (2 eps) of E_total at the starting
  // parameters, for the gradient named `key`.
  function finiteDifference(c, key) {
    var p = startParameters(c), names = MOVES[key];
    function error(sign) {
      var q = copy(p);
      names.forEach(function (n) { q[n] = p[n] + sign * EPS; });
      return forward(q, c.inputs[0], c.inputs[1], c.targets[0], c.targets[1]).E_total;
    }
    return (error(1) - error(-1)) / (2 * EPS);
  }

  // ---- The command line's argument checks (bp/cli.py and argparse) -------------------------

  // Python's repr of a str, for the messages: 'abc', or "it's".
  function pyRepr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t");
    if (q === "'") body = body.replace(/'/g, "\\'");
    return q + body + q;
  }

  // What Python's float() accepts: decimal numbers with optional underscores between digits.
  var DIGITS = "\\d(?:_?\\d)*";
  var FLOAT = new RegExp("^\\s*[+-]?(?:(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")|" + DIGITS +
    "\\.?)(?:[eE][+-]?" + DIGITS + ")?\\s*$");
  var NONFINITE = /^\s*[+-]?(?:inf|infinity|nan)\s*$/i;
  var INT = new RegExp("^\\s*[+-]?" + DIGITS + "\\s*$");
  // argparse reads a value that starts with "-" as an option unless it looks like a number
  // (bp's parser: -1, -.5, -1e-3).
  var NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

  function looksLikeOption(s) {
    return s.length > 1 && s.charAt(0) === "-" && !NEGATIVE_NUMBER.test(s) &&
      s.indexOf(" ") < 0;
  }

  // One value of one option, converted as bp/cli.py's type functions do: [value, error].
  function convert(flag, text) {
    if (flag.type === "choice") {
      if (flag.choices.indexOf(text) < 0) {
        return [null, "invalid choice: " + pyRepr(text) + " (choose from " +
          flag.choices.map(pyRepr).join(", ") + ")"];
      }
      return [text, null];
    }
    if (flag.type === "count") {
      if (!INT.test(text)) return [null, "expected a whole number, got " + pyRepr(text)];
      var n = Number(text.replace(/_/g, ""));
      if (n < 1) return [null, "expected a whole number >= 1, got " + pyRepr(text)];
      if (MAX_STEPS !== null && n > MAX_STEPS) {
        return [null, "expected a whole number <= " + MAX_STEPS + ", got " + pyRepr(text)];
      }
      return [n, null];
    }
    var x;
    if (FLOAT.test(text)) x = Number(text.replace(/_/g, ""));
    else if (NONFINITE.test(text)) x = NaN;
    else return [null, "expected a number, got " + pyRepr(text)];
    if (!isFinite(x)) return [null, "expected a finite number, got " + pyRepr(text)];
    if (flag.type === "positive" && x <= 0) {
      return [null, "expected a number > 0, got " + pyRepr(text)];
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
      var expected = flag.n === null ? "expected one argument" : "expected " + want + " arguments";
      return { error: "argument --" + name + ": " + expected };
    }
    var values = [];
    for (var i = 0; i < want; i++) {
      var r = convert(flag, texts[i]);
      if (r[1] !== null) return { error: "argument --" + name + ": " + r[1] };
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
        return { error: "could not read the link: " + parts[i], flag: null };
      }
      var texts = text === "" ? [] : text.split(",");
      if (!flagNamed(name)) {
        extra = extra.concat(["--" + name], texts);
        continue;
      }
      raw[name] = texts;
      var r = checkOption(name, texts);
      if (r.error) return { error: r.error, flag: name, raw: raw };
      config[name] = r.value;
      extra = extra.concat(r.extra);
    }
    if (extra.length) {
      return { error: "unrecognized arguments: " + extra.join(" "), flag: null, raw: raw };
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

  window.bpExplorer = {
    DEFAULTS: DEFAULTS,
    BIAS_MODES: BIAS_MODES,
    UPDATE_ORDERS: UPDATE_ORDERS,
    FLAGS: FLAGS,
    MAX_STEPS: MAX_STEPS,
    sigma: sigma,
    forward: forward,
    step: step,
    startParameters: startParameters,
    workedExample: workedExample,
    jsonKeys: jsonKeys,
    finiteDifference: finiteDifference,
    convert: convert,
    checkOption: checkOption,
    flagNamed: flagNamed,
    parseHash: parseHash,
    toHash: toHash,
    repr: repr,
    copy: copy
  };
})();

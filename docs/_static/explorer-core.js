/* The explorer's arithmetic: bp.example.worked_example and the argument checks of
 * `python -m bp trace`, ported line by line to JavaScript.
 *
 * This is a second implementation of the book's math. tests/site/test_explorer.py proves it
 * equal to bp: every value the page shows is compared with `python -m bp trace --json` for the
 * same options. Every expression below keeps the order of operations of bp/example/steps.py,
 * so that both sides round the same way.
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

  // ---- The worked example (bp/example/steps.py) ------------------------------------------

  // The knobs of one step, each at the right math (example.STEP_KNOBS). A slip of the
  // catalogue below turns one of them; the keys of the result stay the same.
  var STEP_KNOBS = {
    half: true, sign: 1, slope_of: {}, forward_weight: {}, weight_as_input: [],
    paths: ["o1", "o2"], digits: null, update: null, bias: null
  };
  var MAX_STEPS = 10000; // example.MAX_STEPS

  function knobsOf(slip) {
    var k = copy(STEP_KNOBS);
    for (var name in slip || {}) k[name] = slip[name];
    return k;
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

  // Writing a value down: with the `digits` knob, rounded before its next use.
  function writer(k) {
    return k.digits === null ? function (x) { return x; }
      : function (x) { return pyRound(x, k.digits); };
  }

  // The forward pass on parameters p: every net, out and error, by name (steps._forward).
  // As in bp, the next layer and the errors read the outs as computed; the written (rounded)
  // values are what the backward pass reads.
  function forward(p, i1, i2, t1, t2, k) {
    k = k || STEP_KNOBS;
    var R = writer(k), v = {}, out = { i1: i1, i2: i2 };
    function w(name) { return p[k.forward_weight[name] || name]; }
    v.net_h1 = R(w("w1") * out.i1 + w("w2") * out.i2 + p.b_h1);
    v.out_h1 = R(out.h1 = sigma(v.net_h1));
    v.net_h2 = R(w("w3") * out.i1 + w("w4") * out.i2 + p.b_h2);
    v.out_h2 = R(out.h2 = sigma(v.net_h2));
    v.net_o1 = R(w("w5") * out.h1 + w("w6") * out.h2 + p.b_o1);
    v.out_o1 = R(out.o1 = sigma(v.net_o1));
    v.net_o2 = R(w("w7") * out.h1 + w("w8") * out.h2 + p.b_o2);
    v.out_o2 = R(out.o2 = sigma(v.net_o2));
    var half = k.half ? 0.5 : 1;
    v.E_o1 = R(half * (t1 - out.o1) * (t1 - out.o1));
    v.E_o2 = R(half * (t2 - out.o2) * (t2 - out.o2));
    v.E_total = R(v.E_o1 + v.E_o2);
    return v;
  }

  function copy(p) {
    var q = {};
    for (var key in p) q[key] = p[key];
    return q;
  }

  var INTO = {
    o1: [["w5", "h1"], ["w6", "h2"]], o2: [["w7", "h1"], ["w8", "h2"]],
    h1: [["w1", "i1"], ["w2", "i2"]], h2: [["w3", "i1"], ["w4", "i2"]]
  };

  // dE/dw = delta of the neuron w feeds * dnet/dw, the out of the neuron w comes from.
  function gradientsInto(layer, v, p, x, k, R) {
    layer.forEach(function (n) {
      INTO[n].forEach(function (ws) {
        var w = ws[0], src = ws[1];
        var local = k.weight_as_input.indexOf(w) >= 0 ? p[w]
          : (src in x ? x[src] : v["out_" + src]);
        v["dnet_" + n + "_d" + w] = R(local);
        v["dE_d" + w] = R(v["delta_" + n] * v["dnet_" + n + "_d" + w]);
      });
    });
  }

  // dnet/db = 1: a neuron's own bias gets its delta; a layer's shared bias, their sum.
  function biasGradients(layer, b, v, R) {
    layer.forEach(function (u) { v["dE_db_" + u] = R(v["delta_" + u]); });
    v["dE_d" + b] = R(v["delta_" + layer[0]] + v["delta_" + layer[1]]);
  }

  // One forward pass, one backward pass and one update (steps._step).
  function step(p, i1, i2, t1, t2, lr, bias, update, k) {
    k = k || STEP_KNOBS;
    var R = writer(k), x = { i1: i1, i2: i2 }, t = { o1: t1, o2: t2 };
    var v = forward(p, i1, i2, t1, t2, k);
    ["o1", "o2"].forEach(function (o) {
      v["dE_dout_" + o] = R(k.sign * (k.half ? 1 : 2) * (v["out_" + o] - t[o]));
      var slope = v["out_" + (k.slope_of[o] || o)];
      v["dout_" + o + "_dnet_" + o] = R(slope * (1 - slope)); // sigma' = out (1 - out)
      v["delta_" + o] = R(v["dE_dout_" + o] * v["dout_" + o + "_dnet_" + o]);
    });
    gradientsInto(["o1", "o2"], v, p, x, k, R);
    biasGradients(["o1", "o2"], "b2", v, R);

    var next = {};
    for (var key in p) next[key] = R(p[key]);
    ["w5", "w6", "w7", "w8"].forEach(function (w) {
      next[w] = R(p[w] - lr * v["dE_d" + w]);
    });
    // Correct: the old output weights. The sequential mistake: the ones just updated.
    var W = (k.update || update) === "simultaneous" ? p : next;
    [["h1", "w5", "w7"], ["h2", "w6", "w8"]].forEach(function (r) {
      var h = r[0];
      v["dEo1_dout_" + h] = R(v.delta_o1 * W[r[1]]);
      v["dEo2_dout_" + h] = R(v.delta_o2 * W[r[2]]);
      // the blame of each output's path, added over the paths taken (both, when right)
      var paths = k.paths.map(function (o) { return v["dE" + o + "_dout_" + h]; });
      v["dE_dout_" + h] = R(paths.reduce(function (a, b) { return a + b; }));
      var slope = v["out_" + (k.slope_of[h] || h)];
      v["dout_" + h + "_dnet_" + h] = R(slope * (1 - slope));
      v["delta_" + h] = R(v["dE_dout_" + h] * v["dout_" + h + "_dnet_" + h]);
    });
    gradientsInto(["h1", "h2"], v, p, x, k, R);
    ["w1", "w2", "w3", "w4"].forEach(function (w) {
      next[w] = R(p[w] - lr * v["dE_d" + w]);
    });
    biasGradients(["h1", "h2"], "b1", v, R);

    var mode = k.bias || bias;
    if (mode === "shared") {
      next.b_h1 = R(p.b_h1 - lr * v.dE_db1);
      next.b_h2 = R(p.b_h2 - lr * v.dE_db1);
      next.b_o1 = R(p.b_o1 - lr * v.dE_db2);
      next.b_o2 = R(p.b_o2 - lr * v.dE_db2);
    } else if (mode === "per-neuron") {
      ["h1", "h2", "o1", "o2"].forEach(function (u) {
        next["b_" + u] = R(p["b_" + u] - lr * v["dE_db_" + u]);
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
        throw new RangeError("the worked example overflowed: " + key + " is " +
          pyFloat(values[key]) + " " + when + " (from finite inputs); try smaller inputs, " +
          "targets, weights or learning rate");
      }
    }
  }

  // bp.example.worked_example: every named quantity of the first step, the parameters after
  // the last step (`w1_new` ...) and the error and outputs after it. c is a configuration the
  // command line accepts; slip, optional, turns knobs of STEP_KNOBS (bp.slips). Throws a
  // RangeError with bp's message when steps exceed MAX_STEPS or a value overflows.
  function workedExample(c, slip) {
    if (c.steps > MAX_STEPS) {
      throw new RangeError("steps must be <= " + MAX_STEPS + "; got " + c.steps);
    }
    var k = knobsOf(slip);
    var i1 = c.inputs[0], i2 = c.inputs[1], t1 = c.targets[0], t2 = c.targets[1];
    var p = startParameters(c);
    var first = null, history = [];
    for (var s = 1; s <= c.steps; s++) {
      var r = step(p, i1, i2, t1, t2, c.lr, c.bias, c.update, k);
      p = r[1];
      checkFinite(r[0], "at step " + s);
      checkFinite(p, "in the update of step " + s);
      history.push(r[0].E_total);
      first = first || r[0];
    }
    var after = forward(p, i1, i2, t1, t2, k);
    checkFinite(after, "after step " + c.steps);
    history.push(after.E_total);
    var values = copy(first);
    for (var key in p) values[key + "_new"] = p[key];
    values.b1_new = p.b_h1;
    values.b2_new = p.b_o1;
    values.E_after = after.E_total;
    values.out_o1_after = after.out_o1;
    values.out_o2_after = after.out_o2;
    Object.defineProperty(values, "history", { value: history, enumerable: false });
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
  // languages; tests/site/test_explorer.py compares them with bp's. Only the ASCII digits are
  // digits; underscores may group them, as in Python.
  var GRAMMAR = {
    NUMBER: "^[ \\t\\n\\r]*([+-]?)(?=\\.?[0-9])([0-9](?:_?[0-9])*)?(?:\\.([0-9](?:_?[0-9])*)?)?" +
      "(?:[eE]([+-]?[0-9](?:_?[0-9])*))?[ \\t\\n\\r]*$",
    NONFINITE: "^[ \\t\\n\\r]*[+-]?(?:inf|infinity|nan)[ \\t\\n\\r]*$",
    INTEGER: "^[ \\t\\n\\r]*[+-]?[0-9](?:_?[0-9])*[ \\t\\n\\r]*$",
    NEGATIVE: "^-(?:[^A-Za-z-]|(?:inf|infinity|nan)$)"
  };
  var NUMBER = new RegExp(GRAMMAR.NUMBER), NONFINITE = new RegExp(GRAMMAR.NONFINITE, "i");
  var INT = new RegExp(GRAMMAR.INTEGER);
  // argparse reads a value that starts with "-" as an option unless it looks like a number
  // (bp's parser: anything but a letter after the "-", and -inf, -nan, refused later).
  var NEGATIVE_NUMBER = new RegExp(GRAMMAR.NEGATIVE, "i");
  var OTHER_DIGIT = /(?![0-9])\p{Nd}/u; // a decimal digit of another script, such as ١

  // bp._checks.number_problem: what a number written as `text` must be, or null.
  function numberProblem(text) {
    if (NUMBER.test(text)) return null;
    if (NONFINITE.test(text)) return "a finite number";
    var pointed = text.replace(",", ".");
    if (text.indexOf(".") < 0 && NUMBER.test(pointed)) {
      return "a number with a decimal point, such as " + pointed.trim();
    }
    if (OTHER_DIGIT.test(text)) return "a number written with the digits 0 to 9";
    return "a number";
  }

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
      var n = INT.test(text) && text.length <= 100 ? Number(text.replace(/_/g, "")) : NaN;
      if (!(n >= 1 && n <= MAX_STEPS)) {
        return [null, "expected a whole number from 1 to " + MAX_STEPS + ", got " + pyRepr(text)];
      }
      return [n, null];
    }
    var problem = numberProblem(text);
    if (problem !== null) return [null, "expected " + problem + ", got " + pyRepr(text)];
    var x = Number(text.replace(/_/g, ""));
    if (x === 0 && /[1-9]/.test(text.split(/[eE]/)[0])) { // 1e-400: no float holds it
      return [null, "expected a number a float can hold (this one reads as 0), got " +
        pyRepr(text)];
    }
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
        return { error: "could not read the link: " + parts[i], flag: null };
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

  // ---- Check your own numbers (bp/slips.py) ---------------------------------------------

  // The catalogue of known slips, as bp.slips.catalogue() gives it (the test compares the
  // two): each slip a turned knob of the same step, never numbers of its own. After a change
  // to bp.slips, paste the output of
  //   python -c "import json, bp.slips; print(json.dumps(bp.slips.catalogue(), indent=2))"
  // here.
  var SLIPS = [
    {
      "name": "sequential",
      "description": "The output weights were updated before the hidden deltas were computed, so delta_h1 and delta_h2 use the new w5 to w8 instead of the ones every gradient is taken at.",
      "section": "errata#errata-sequential",
      "url": "errata.html#errata-sequential",
      "knobs": {
        "update": "sequential"
      },
      "applies_to": {
        "update": [
          "simultaneous"
        ]
      }
    },
    {
      "name": "sign",
      "description": "dE/dout was taken as target - out instead of out - target, so every gradient has the wrong sign and the step goes uphill.",
      "section": "questions#questions-sign",
      "url": "questions.html#questions-sign",
      "knobs": {
        "sign": -1
      },
      "applies_to": {}
    },
    {
      "name": "factor-two",
      "description": "The 1/2 was left out of the error, E = (target - out)^2, so dE/dout = 2 (out - target) and the errors and every gradient are twice the book's.",
      "section": "questions#questions-half",
      "url": "questions.html#questions-half",
      "knobs": {
        "half": false
      },
      "applies_to": {}
    },
    {
      "name": "wrong-neuron-slope",
      "description": "Each neuron's slope out (1 - out) was taken from the other neuron of its layer (out_o2 for o1, out_h2 for h1).",
      "section": "questions#questions-out-times-one-minus-out",
      "url": "questions.html#questions-out-times-one-minus-out",
      "knobs": {
        "slope_of": {
          "h1": "h2",
          "h2": "h1",
          "o1": "o2",
          "o2": "o1"
        }
      },
      "applies_to": {}
    },
    {
      "name": "wrong-weights",
      "description": "o2's forward pass used w5, w6 (the weights into o1) instead of its own w7, w8.",
      "section": "intuition#intuition-forward",
      "url": "intuition.html#intuition-forward",
      "knobs": {
        "forward_weight": {
          "w7": "w5",
          "w8": "w6"
        }
      },
      "applies_to": {}
    },
    {
      "name": "one-path",
      "description": "A hidden neuron's blame was taken through o1 only: dE/dout_h1 = delta_o1 w5, without the path through o2 that the sum adds.",
      "section": "hidden-layer#hidden-layer-chain",
      "url": "hidden-layer.html#hidden-layer-chain",
      "knobs": {
        "paths": [
          "o1"
        ]
      },
      "applies_to": {}
    },
    {
      "name": "rounded",
      "description": "Every intermediate value was rounded to 4 decimals before its next use, and the rounding errors add up in the later digits.",
      "section": "questions#questions-seventh-digit",
      "url": "questions.html#questions-seventh-digit",
      "knobs": {
        "digits": 4
      },
      "applies_to": {}
    },
    {
      "name": "bias-trained",
      "description": "The biases were updated (one per layer, with the sum of its deltas) though this configuration keeps them fixed.",
      "section": "questions#questions-bias-update",
      "url": "questions.html#questions-bias-update",
      "knobs": {
        "bias": "shared"
      },
      "applies_to": {
        "bias": [
          "fixed"
        ]
      }
    },
    {
      "name": "bias-fixed",
      "description": "The biases were left at their starting values though this configuration trains them.",
      "section": "questions#questions-bias-update",
      "url": "questions.html#questions-bias-update",
      "knobs": {
        "bias": "fixed"
      },
      "applies_to": {
        "bias": [
          "shared",
          "per-neuron"
        ]
      }
    },
    {
      "name": "weight-as-input",
      "description": "dnet_o2/dw8 was taken as w8 instead of out_h2 (the weight in place of the value it multiplies), as in a popular step-by-step video.",
      "section": "output-layer#weight-not-input",
      "url": "output-layer.html#weight-not-input",
      "knobs": {
        "weight_as_input": [
          "w8"
        ]
      },
      "applies_to": {}
    }
  ];

  // bp.slips.MAX_EXPONENT, MAX_DECIMALS: a written value is smaller than 1e309 in size and has
  // no digit beyond the 400th decimal place, so that every comparison below is quick.
  var MAX_EXPONENT = 308, MAX_DECIMALS = 400;
  // bp.slips.MAX_DIGITS: the significant digits bp vouches for; digits beyond are not compared.
  var MAX_DIGITS = 15;

  // A number written as text, as bp.slips reads it (decimal.Decimal): {negative, digits (a
  // BigInt, the significant digits written; 0 for a zero), exp (that of the last digit)}, or
  // {error: the message of bp.slips for `key`}.
  function parseWritten(key, text) {
    var problem = numberProblem(text);
    if (problem !== null) return { error: key + " must be " + problem + "; got " + pyRepr(text) };
    var m = NUMBER.exec(text), bound = { error: key + " must be a number smaller than 1e" +
      (MAX_EXPONENT + 1) + " in size, with no digit beyond the " + MAX_DECIMALS +
      "th decimal place; got " + pyShown(text) };
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

  // bp.slips.check: the keys whose written values differ from bp's (in the order of the
  // computation), and the slips whose numbers agree with every value given.
  // A written zero ("0", "0.000") certifies nothing: unchecked where bp's value is not 0.
  function check(given, c) {
    var expected = workedExample(c), differ = [], keys = [], unchecked = [], zeros = {};
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
          theirs = workedExample(c, slip.knobs);
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
  // [text] or [text, link]. result: of check(); written: the texts; c: the configuration.
  function checkReport(result, written, c) {
    var n = result.keys.length, differ = result.differ, unchecked = result.unchecked;
    var lines = result.ok ? [["All " + n + " value(s) agree with bp, to the digits you wrote."]]
      : [];
    if (differ.length) {
      var first = differ[0], text = written[first];
      lines.push([differ.length + " of " + n + " value(s) differ from bp. The first, in the " +
        "order of the computation: " + first]);
      lines.push(["  expected " + roundedLike(text, result.expected[first]) + "  (exactly " +
        pyFloatRepr(result.expected[first]) + ")"]);
      lines.push(["  given    " + text.trim()]);
      if (differ.length > 1) lines.push(["Also differ: " + differ.slice(1).join(", ")]);
      result.slips.forEach(function (slip) {
        lines.push(["Your numbers are those of a known slip, " + slip.name + ": " +
          slip.description]);
        lines.push(["  The book explains it in ", slip.url]);
      });
      if (!result.slips.length && first === result.keys[0]) {
        lines.push(["No known slip reproduces your numbers, and the first you gave, " + first +
          ", already differs: you probably worked with another configuration than the one " +
          "checked:"]);
        lines.push(["  " + optionsText(c)]);
        lines.push(["  Give yours with these options, or recompute from " + first + "."]);
      } else if (!result.slips.length) {
        lines.push(["No known slip reproduces all your numbers: recompute from " + first + "."]);
      }
    }
    if (unchecked.length) {
      lines.push(["Not checked, no significant digit: " + unchecked.join(", ") + ". A 0 (or " +
        "0.000) agrees with any value small enough, so it certifies nothing: write your value " +
        "to its first nonzero digit at least."]);
    }
    if (!differ.length && unchecked.length && unchecked.length < n) {
      lines.push(["The other " + (n - unchecked.length) + " value(s) agree with bp, to the " +
        "digits you wrote."]);
    }
    var long = result.keys.filter(function (k) {
      return significantDigits(written[k]) > MAX_DIGITS;
    });
    if (long.length) {
      lines.push(["Only the first " + MAX_DIGITS + " significant digits of " + long.join(", ") +
        " are compared: bp computes in float64."]);
    }
    return lines;
  }

  window.bpExplorer = {
    DEFAULTS: DEFAULTS,
    BIAS_MODES: BIAS_MODES,
    UPDATE_ORDERS: UPDATE_ORDERS,
    FLAGS: FLAGS,
    MAX_STEPS: MAX_STEPS,
    STEP_KNOBS: STEP_KNOBS,
    SLIPS: SLIPS,
    pyRound: pyRound,
    GRAMMAR: GRAMMAR,
    numberProblem: numberProblem,
    significantDigits: significantDigits,
    checkReport: checkReport,
    agrees: agrees,
    roundedLike: roundedLike,
    pyFloatRepr: pyFloatRepr,
    badNumber: badNumber,
    check: check,
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

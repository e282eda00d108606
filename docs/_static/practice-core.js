/* Practice on fresh numbers: bp.practice.variant ported to JavaScript.
 *
 * It owns no data: the ranges, the exercises (what each asks, its bias modes, its update order,
 * its conditions) and the rules that keep an exercise's point come from bp, in
 * `window.bpData.practice` (_static/bp-data.js, written by the book's build from
 * bp.cli.page_data()); the worked example and the check of a learner's numbers are those of
 * explorer-core.js. Here is only arithmetic: the integer generator (mulberry32, exact 32-bit
 * arithmetic with Math.imul, so that it draws what bp draws bit for bit) and the order of the
 * draws. tests/test_practice_core.py runs this file with Node against bp for many seeds.
 *
 * A classic script (no modules, no fetch). It defines one global, `bpPracticeCore`.
 */
(function () {
  "use strict";

  var D = window.bpData, X = window.bpExplorer;
  if (!D || !X) {
    throw new Error("practice-core.js needs _static/bp-data.js and explorer-core.js before it");
  }
  var P = D.practice, TWO32 = 4294967296;
  var EXERCISES = {};
  P.exercises.forEach(function (e, i) { EXERCISES[e.name] = { exercise: e, place: i + 1 }; });

  // bp.practice.mulberry32: [next state, output], both whole numbers from 0 to 2^32 - 1.
  function mulberry32(state) {
    state = (state + 0x6D2B79F5) >>> 0;
    var t = Math.imul(state ^ (state >>> 15), state | 1) >>> 0;
    t = ((((t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0)) >>> 0) ^ t) >>> 0);
    return [state, (t ^ (t >>> 14)) >>> 0];
  }

  // bp.practice._Draws: pick(n) from 0 to n - 1 (x n / 2^32, exact in a double), and a value
  // of a range in whole hundredths.
  function Draws(state) {
    this.state = state;
  }
  Draws.prototype.pick = function (n) {
    var r = mulberry32(this.state);
    this.state = r[0];
    return Math.floor(r[1] * n / TWO32);
  };
  Draws.prototype.value = function (r) {
    return (r.lo + r.step * this.pick(Math.floor((r.hi - r.lo) / r.step) + 1)) / P.scale;
  };

  // bp.practice.keeps_point: no saturated neuron, each output away from its target, each
  // answer large enough, each sum asked not cancelled, and the exercise's own conditions.
  function keepsPoint(v, e, bias) {
    var hidden = X.LAYERS[1], outputs = X.LAYERS[X.LAYERS.length - 1];
    var neurons = hidden.concat(outputs);
    for (var i = 0; i < neurons.length; i++) {
      var a = v["out_" + neurons[i]];
      if (!(P.out_margin <= a && a <= 1 - P.out_margin)) return false;
    }
    for (i = 0; i < outputs.length; i++) {
      if (!(Math.abs(v["dE_dout_" + outputs[i]]) >= P.target_gap)) return false;
    }
    var asked = e.asks[bias];
    for (i = 0; i < asked.length; i++) {
      var k = asked[i];
      if (!(Math.abs(v[k]) >= P.min_answer)) return false;
      if (P.sums[k]) {
        var largest = Math.max.apply(null, P.sums[k].map(function (t) { return Math.abs(v[t]); }));
        if (Math.abs(v[k]) < P.cancel * largest) return false;
      }
    }
    return e.conditions.every(function (c) {
      return c[1] === "<" ? v[c[0]] < c[2] : v[c[0]] > c[2];
    });
  }

  // The message for a seed that is not one (the command line's words for --seed), or null.
  function seedProblem(text) {
    var s = String(text);
    if (/^[0-9]{1,12}$/.test(s) && Number(s) <= P.max_seed) return null;
    return "argument --seed: " + X.bpText("expected a whole number from 0 to {max}, got {text}",
      { max: P.max_seed, text: X.pyRepr(String(text)) });
  }

  // bp.practice.variant: {seed, exercise, config, asks, answers, draws}.
  function variant(seed, name) {
    var entry = EXERCISES[name];
    if (!entry) throw new RangeError("exercise must be one of " + Object.keys(EXERCISES));
    var e = entry.exercise, modes = Object.keys(e.asks);
    var draws = new Draws((seed + entry.place * P.stream) % TWO32);
    function some(name, n) {
      var out = [];
      for (var i = 0; i < n; i++) out.push(draws.value(P.ranges[name]));
      return out;
    }
    for (var attempt = 1; attempt <= P.max_attempts; attempt++) {
      var config = {
        inputs: some("inputs", 2), targets: some("targets", 2), weights: some("weights", 8),
        biases: some("biases", 2)
      };
      config.lr = draws.value(P.ranges.lr);
      config.bias = modes[draws.pick(modes.length)];
      config.update = e.update;
      config.steps = 1;
      var values = X.workedExample(config);
      if (keepsPoint(values, e, config.bias)) {
        var asks = e.asks[config.bias], answers = {};
        asks.forEach(function (k) { answers[k] = values[k]; });
        return { seed: seed, exercise: name, config: config, asks: asks.slice(),
          answers: answers, draws: attempt };
      }
    }
    throw new RangeError("no variant of " + name + " for seed " + seed);
  }

  // bp.practice._rounded: a value to the significant digits the exercises ask for.
  function rounded(value) {
    return X.roundedLike("1." + "0".repeat(P.asked_digits - 1), value);
  }

  window.bpPracticeCore = {
    EXERCISES: P.exercises,
    ASKED_DIGITS: P.asked_digits,
    MAX_SEED: P.max_seed,
    mulberry32: mulberry32,
    keepsPoint: keepsPoint,
    seedProblem: seedProblem,
    variant: variant,
    rounded: rounded
  };
})();

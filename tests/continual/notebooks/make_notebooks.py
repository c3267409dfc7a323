"""Writes notebooks/stability-gap.ipynb, notebooks/stability-gap-fashion-mnist.ipynb and
notebooks/gap-vs-dissimilarity.ipynb with empty outputs (the committed form; execute them with
`node dist/kernel/cli.js run notebooks/<name>.ipynb`).
Run: /usr/bin/python3 tests/continual/notebooks/make_notebooks.py"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "py"))
import nbwrite


def nb(cells, name):
    nbwrite.write(name, cells)


STABILITY_PAPER = '{ title: "Continual evaluation for lifelong learning: Identifying the stability gap", arxiv: "2205.13452" }'

# The claims both stability-gap notebooks make on their replay runs, and the figure helpers they use.
# `replay` is an array (one entry per seed) of { seed, run, metrics }.
REPLAY_CLAIMS_MD = """
## The claims, over seeds

De Lange et al.'s claims, each as a statistic of every seed's replay run:

1. **The gap is invisible to task-end evaluation.** For every earlier task and every switch, `hidden`
   = min(before, after) − min is how far the task's accuracy dips below *both* task-end evaluations
   around it (the one before the switch and the one at the end of the new task): a drop and a
   recovery that task-end evaluation cannot see. The statistic is its mean over all (task, switch)
   pairs of a run. **We call it replicated when the 95% interval of that mean lies above 0.03.**
2. **min-ACC lies well below the final accuracy.** By definition min-ACC cannot exceed an earlier
   task's final accuracy, so the claim is about the size: final accuracy − min-ACC, **replicated when
   its 95% interval lies above 0.05**.
3. **WC-ACC lies well below the final accuracy**: final accuracy − WC-ACC, **replicated above 0.05**.
4. **The drop comes right after the switch.** For every (earlier task, switch), the share of the new
   task's steps done when the earlier task hit its minimum, (minIteration − switch)/`STEPS_PER_TASK`,
   averaged over the run's pairs: **replicated when its 95% interval lies below 0.25** (the first
   quarter of the new task).
"""


def replay_claims_code(extra=""):
    return """
const hiddenPerSeed = replay.map((r) => {
  const gaps = (r.metrics.gaps.objects() as Array<{ hidden: number | null }>).filter((g) => g.hidden !== null);
  return gaps.reduce((s, g) => s + g.hidden!, 0) / gaps.length;
});
const minAt = (r: (typeof replay)[number]) => (r.metrics.gaps.objects() as Array<{ minIteration: number; switchIteration: number }>).map((g) => (g.minIteration - g.switchIteration) / STEPS_PER_TASK);
const minAtPerSeed = replay.map((r) => { const m = minAt(r); return m.reduce((s, v) => s + v, 0) / m.length; });
const minTimingFigure = (title: string) => figure({
  data: replay.map((r) => ({ type: "box", name: `seed ${r.seed}`, y: minAt(r), boxpoints: "all", jitter: 0.4, pointpos: 0 })),
  layout: { title: { text: title }, yaxis: { title: { text: "share of the new task's steps at the minimum" }, range: [0, 1.02] },
    shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 0.25, y1: 0.25, line: { dash: "dot", color: "#d62728" } }] },
});
const claims = [
  claim({
    id: "gap-hidden-from-task-end-evaluation", paper: PAPER, seeds: SEEDS, margin: { above: 0.03 },
    statement: "Between task ends an earlier task's accuracy dips below both task-end evaluations around it (the one before the switch and the one at the new task's end): the mean hidden dip is above 0.03",
    statistic: "mean over (earlier task, switch) of min(before, after) − min, replay",
    values: hiddenPerSeed,
    figure: firstTaskFigure("Task 0 under replay: per-iteration evaluation (mean over seeds) and what task-end evaluation sees"),
  }),
  claim({
    id: "min-acc-below-final-accuracy", paper: PAPER, seeds: SEEDS, margin: { above: 0.05 },
    statement: "min-ACC lies more than 0.05 below the final accuracy",
    statistic: "final accuracy − min-ACC, replay",
    values: replay.map((r) => r.metrics.finalAcc! - r.metrics.minAcc!),
    figure: continualComparisonFigure(replay.map((r) => ({ name: `seed ${r.seed}`, metrics: r.metrics })), { title: "Replay, per seed: final accuracy hides the worst case" }),
  }),
  claim({
    id: "wc-acc-below-final-accuracy", paper: PAPER, seeds: SEEDS, margin: { above: 0.05 },
    statement: "WC-ACC lies more than 0.05 below the final accuracy",
    statistic: "final accuracy − WC-ACC, replay",
    values: replay.map((r) => r.metrics.finalAcc! - r.metrics.wcAcc!),
    figure: continualComparisonFigure(replay.map((r) => ({ name: `seed ${r.seed}`, metrics: r.metrics })), { title: "Replay, per seed: final accuracy, min-ACC and WC-ACC" }),
  }),
  claim({
    id: "gap-minimum-early-in-the-new-task", paper: PAPER, seeds: SEEDS, margin: { below: 0.25 },
    statement: "An earlier task reaches its lowest accuracy within the first quarter of the new task's steps (mean over the run's (task, switch) pairs below 0.25)",
    statistic: "mean over (earlier task, switch) of (minIteration − switch) / STEPS_PER_TASK, replay",
    values: minAtPerSeed,
    figure: minTimingFigure("When each gap's minimum came, as a share of the new task's steps (one point per task and switch)"),
  }),""" + extra + """
];
claims.forEach((c) => display(c));
display.markdown(`**${claims.filter((c) => c.verdict === "holds").length} of ${claims.length} claims hold** with seeds ${SEEDS.join(", ")}: ` +
  claims.map((c) => `\\`${c.id}\\` ${c.verdict} (${c.mean.toFixed(3)}, 95% CI [${c.low.toFixed(3)}, ${c.high.toFixed(3)}])`).join("; ") + ".");
"""


FIRST_TASK_FIGURE = """
/** Task 0's accuracy at every evaluation, averaged over the seeds' replay runs, with the task-end evaluations marked (De Lange et al., Fig. 2). */
function firstTaskFigure(title: string) {
  const series = replay.map((r) => (r.run.log.objects() as ContinualLogRow[]).filter((row) => row.evalTask === 0));
  const x = series[0]!.map((row) => row.iteration);
  const y = x.map((_, k) => series.reduce((s, rows) => s + rows[k]!.accuracy, 0) / series.length);
  const ends = replay[0]!.run.taskEnds, endY = ends.map((it) => y[x.lastIndexOf(it)]!);
  return figure({
    data: [
      { type: "scatter", mode: "lines", name: "every iteration (mean over seeds)", x, y, line: { width: 1.5 } },
      { type: "scatter", mode: "lines+markers", name: "task-end evaluation", x: ends, y: endY, line: { dash: "dash" }, marker: { size: 9, symbol: "diamond", color: "#d62728" } },
    ],
    layout: {
      title: { text: title }, xaxis: { title: { text: "training iteration" } }, yaxis: { title: { text: "task 0 accuracy" }, range: [0, 1.02] },
      shapes: ends.slice(0, -1).map((it) => ({ type: "line", x0: it, x1: it, yref: "paper", y0: 0, y1: 1, line: { dash: "dot", color: "#999" } })),
    },
  });
}
"""

PER_SEED_TABLE = """
aq.from(replay.map((r) => {
  const gaps = r.metrics.gaps.objects() as Array<{ depth: number; hidden: number | null; minIteration: number; switchIteration: number }>;
  return {
    seed: r.seed, finalAcc: r.metrics.finalAcc, minAcc: r.metrics.minAcc, wcAcc: r.metrics.wcAcc,
    meanDepth: gaps.reduce((s, g) => s + g.depth, 0) / gaps.length,
    meanHidden: gaps.reduce((s, g) => s + (g.hidden ?? 0), 0) / gaps.length,
    minAtShareOfTask: gaps.reduce((s, g) => s + (g.minIteration - g.switchIteration) / STEPS_PER_TASK, 0) / gaps.length,
    evalShare: r.run.timing.evalShare,
  };
}))
"""

# --------------------------------------------------------------------------------------------
nb([
("code", """
// parameters: seeds and sizes (papermill-style tagged cell; edit and rerun, or `replab run -p SEEDS '[…]'`)
let SEEDS = [1, 2, 3, 4, 5];
let STEPS_PER_TASK = 100;  // SGD steps on each of the 5 tasks
let LR = 0.2;              // SGD learning rate
let BATCH = 32;            // new examples per step (replay adds as many from its buffer)
let EVAL_SIZE = 60;        // fixed test subset per task, evaluated after every step
let MEMORY = 200;          // replay buffer, class-balanced
""", ["parameters"]),
("md", """
# The stability gap: continual evaluation on split digits

De Lange, van de Ven & Tuytelaars (ICLR 2023, *Continual evaluation for lifelong learning:
identifying the stability gap*, arXiv 2205.13452) evaluated continual learners **after every
training iteration** instead of only at the end of each task. They found that, right after a
switch to a new task, accuracy on earlier tasks **drops sharply and then largely recovers** — even
for experience replay, which task-end evaluation shows as forgetting little. They call the dip the
*stability gap*, and measure it with worst-case metrics: **min-ACC** (the lowest accuracy an earlier
task reaches while later tasks train) and **WC-ACC** (a mix of min-ACC and the current task's
accuracy).

Here we replicate it in well under a minute on the 8×8 digits: five tasks of two digits each
(class-incremental), a small MLP trained by SGD, and experience replay with a class-balanced buffer,
evaluated on a fixed test subset of every seen task after every iteration — once per seed of the
`parameters` cell (each seed draws its own train/test split, initial weights, batches and replay
draws). Then we compare fine-tuning, EWC and LwF on the same streams. The same protocol on real
images, split Fashion-MNIST, is `stability-gap-fashion-mnist.ipynb`.
"""),
("code", """
import { loadDigits } from "replab/frames";
import {
  createMlp, splitTaskStream, trainContinual, continualMetrics,
  experienceReplay, fineTuning, elasticWeightConsolidation, learningWithoutForgetting,
  type ContinualRun, type ContinualMetrics, type ContinualLogRow, type Strategy, type TaskStream,
} from "replab/continual";
import { figure, stabilityGapFigure, taskEndOverlayFigure, accuracyMatrixFigure, continualComparisonFigure } from "replab/plots";
import { claim } from "replab/claims";
import * as aq from "arquero";

const PAPER = """ + STABILITY_PAPER + """;
const digits = loadDigits();
const streams = new Map<number, TaskStream>(SEEDS.map((seed) => [seed, splitTaskStream(digits, { seed })]));
const taskNames = streams.get(SEEDS[0]!)!.tasks.map((t) => t.name);
aq.from(streams.get(SEEDS[0]!)!.tasks.map((t) => ({ task: t.index, name: t.name, train: t.train.n, test: t.test.n })))
"""),
("md", """
## Experience replay, evaluated after every iteration

An MLP 64→128→10 learns the tasks in order, `STEPS_PER_TASK` SGD steps each (learning rate `LR`,
batches of `BATCH` new examples plus as many replayed from a `MEMORY`-example class-balanced buffer,
loss weights ½ and ½). After every step the evaluator measures every task seen so far on a fixed
subset of `EVAL_SIZE` of its test images. The figure shows the first seed's run.
"""),
("code", """
const sizes = [64, 128, 10];
async function runWith(strategy: Strategy, seed: number): Promise<{ seed: number; run: ContinualRun; metrics: ContinualMetrics }> {
  const model = await createMlp({ sizes, seed });
  const run = trainContinual({ model, stream: streams.get(seed)!, strategy, stepsPerTask: STEPS_PER_TASK, lr: LR, batchSize: BATCH, evalEvery: 1, evalSize: EVAL_SIZE, seed, progress: false });
  model.dispose();
  return { seed, run, metrics: continualMetrics(run.log, { windows: [10, 100], lcaBeta: 10, tolerance: 0.02 }) };
}
const bar = progress({ label: "replay, one run per seed", total: SEEDS.length });
const replay: Array<{ seed: number; run: ContinualRun; metrics: ContinualMetrics }> = [];
for (const seed of SEEDS) { replay.push(await runWith(experienceReplay({ memorySize: MEMORY }), seed)); bar.tick(); }
bar.done();
display.markdown(`${replay[0]!.run.timing.steps} steps per run; the evaluator took ${(100 * replay[0]!.run.timing.evalShare).toFixed(0)}% of the first run's time.`);
stabilityGapFigure(replay[0]!.run.log, { taskNames, title: `Experience replay (seed ${SEEDS[0]}): accuracy of every task, evaluated after every iteration` })
"""),
("md", """
Each coloured line is one task; grey bands are the tasks' training spans. Triangles mark the lowest
accuracy an earlier task reaches after each switch, and the dotted bars measure the drop from its
accuracy just before the switch: the stability gap.

## What task-end evaluation sees

The usual protocol evaluates only when a task ends (the markers below). Drawn over the
per-iteration curves, it misses the dips between the markers.
"""),
("code", """
taskEndOverlayFigure(replay[0]!.run.log, { taskNames, title: `Task-end evaluation (markers) over per-iteration evaluation (lines), seed ${SEEDS[0]}` })
"""),
("md", """
Per seed: final accuracy, min-ACC, WC-ACC, and the mean depth, mean hidden part and mean timing
of the gaps (over every earlier task at every switch; the timing is the share of the new task's
steps done when the minimum came). The first seed's gaps table follows: one row per
(earlier task, switch) with the accuracy just before the switch, the minimum after it, the depth,
when the minimum came, how many iterations it took to climb back within 0.02 of where it was
(null: not within this task), the accuracy at the end of the new task (`after`) and the part of the
dip below both task-end evaluations (`hidden`).
"""),
("code", PER_SEED_TABLE + ";\n"),
("code", """
replay[0]!.metrics.gaps
"""),
("md", """
## Fine-tuning, EWC and LwF on the same streams

The same seeds, streams and model, with fine-tuning (no protection), EWC (λ = 100) and LwF
(α = 1, temperature 2) instead of replay. In a class-incremental stream regularising the weights or
distilling old outputs cannot keep a shared output layer from favouring the newest classes (van de
Ven & Tolias 2019, *Three scenarios for continual learning*): we check below, over the seeds,
whether their min-ACC is as low as fine-tuning's.
"""),
("code", """
const strategies: Array<[string, () => Strategy]> = [
  ["fine-tuning", () => fineTuning()],
  ["ewc", () => elasticWeightConsolidation({ lambda: 100 })],
  ["lwf", () => learningWithoutForgetting({ alpha: 1, temperature: 2 })],
];
const others = new Map<string, Array<{ seed: number; run: ContinualRun; metrics: ContinualMetrics }>>();
const bar2 = progress({ label: "fine-tuning, EWC, LwF × seeds", total: strategies.length * SEEDS.length });
for (const [name, make] of strategies) {
  const rs = [];
  for (const seed of SEEDS) { rs.push(await runWith(make(), seed)); bar2.tick(); }
  others.set(name, rs);
}
bar2.done();
const all = new Map([["replay", replay], ...others]);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
display(aq.from([...all].map(([name, rs]) => ({
  strategy: name, finalAcc: mean(rs.map((r) => r.metrics.finalAcc!)), minAcc: mean(rs.map((r) => r.metrics.minAcc!)),
  wcAcc: mean(rs.map((r) => r.metrics.wcAcc!)), bwt: mean(rs.map((r) => r.metrics.bwt!)),
}))));
continualComparisonFigure([...all].map(([name, rs]) => ({ name, metrics: rs[0]!.metrics })), { title: `Final accuracy hides the worst case (seed ${SEEDS[0]})` })
"""),
("md", """
The accuracy matrix of replay (first seed): what task-end evaluation records.
"""),
("code", """
accuracyMatrixFigure(replay[0]!.metrics, { title: `Replay: accuracy on task i at the end of task t (seed ${SEEDS[0]})` })
"""),
("md", REPLAY_CLAIMS_MD + """4. **Replay's worst case is far above fine-tuning's**: min-ACC(replay) − min-ACC(fine-tuning) per seed,
   **replicated when its 95% interval lies above 0.3**.
5. and 6. **EWC's and LwF's min-ACC are as low as fine-tuning's** in this class-incremental stream:
   min-ACC(EWC) − min-ACC(fine-tuning) and the same for LwF, **replicated when the 95% interval lies
   below 0.05** (an upper bound: "as low as" means not more than 0.05 above).
"""),
("code", FIRST_TASK_FIGURE + """
const minAccOf = (name: string) => all.get(name)!.map((r) => r.metrics.minAcc!);
const minAccFigure = (title: string) => figure({
  data: [...all.keys()].map((name) => ({ type: "scatter", mode: "markers", name, x: SEEDS.map(() => name), y: minAccOf(name), text: SEEDS.map((s) => `seed ${s}`), marker: { size: 10 } })),
  layout: { title: { text: title }, yaxis: { title: { text: "min-ACC" }, range: [-0.02, 1.02] }, xaxis: { title: { text: "strategy (one point per seed)" } } },
});
const VAN_DE_VEN = { title: "Three scenarios for continual learning", arxiv: "1904.07734" };
""" + replay_claims_code("""
  claim({
    id: "replay-min-acc-above-fine-tuning", paper: PAPER, seeds: SEEDS, margin: { above: 0.3 },
    statement: "Replay's min-ACC is more than 0.3 above fine-tuning's",
    statistic: "min-ACC(replay) − min-ACC(fine-tuning)",
    values: SEEDS.map((_, k) => minAccOf("replay")[k]! - minAccOf("fine-tuning")[k]!),
    figure: minAccFigure("min-ACC per strategy and seed"),
  }),
  ...([["ewc", "EWC"], ["lwf", "LwF"]] as const).map(([name, label]) => claim({
    id: `${name}-min-acc-as-low-as-fine-tuning`, paper: VAN_DE_VEN, seeds: SEEDS, margin: { below: 0.05 },
    statement: `In class-incremental split digits ${label}'s min-ACC is as low as fine-tuning's: not more than 0.05 above it`,
    statistic: `min-ACC(${label}) − min-ACC(fine-tuning)`,
    values: SEEDS.map((_, k) => minAccOf(name)[k]! - minAccOf("fine-tuning")[k]!),
    figure: minAccFigure(`min-ACC per strategy and seed: ${label} against fine-tuning`),
  })),""")),
("md", """
## Reading the result

With the default seeds and with the seed lists 11–15 and 101, 202, …, 505, all seven claims hold:
on split digits replay's earlier tasks dip by about 0.09 below both task-end evaluations around
each switch, within the first sixth of the new task, and recover; min-ACC sits about 0.12 and WC-ACC
about 0.10 below the final accuracy; and EWC and LwF reach a min-ACC of 0, as fine-tuning does.
"""),
], "stability-gap")

# --------------------------------------------------------------------------------------------
nb([
("code", """
// parameters: seeds and sizes (papermill-style tagged cell; edit and rerun, or `replab run -p SEEDS '[…]'`)
let SEEDS = [1, 2, 3, 4, 5];
let TRAIN_PER_CLASS = 500;  // training images per class, the first of each class in the training split
let TEST_PER_CLASS = 50;    // held-out images per class from the test split: each task's evaluation subset
let POOL = 2;               // 2×2 average pooling: 28×28 → 14×14 = 196 features
let HIDDEN = 400;           // two hidden layers of this width, as in the paper
let STEPS_PER_TASK = 100;   // SGD steps on each of the 5 tasks
let BATCH = 32;             // new examples per step (replay adds as many from its buffer)
let LR = 0.1;               // plain SGD; the paper's SGD with lr 0.01 and momentum 0.9 has this steady-state step
let MEMORY = 200;           // replay buffer, class-balanced
let REPLAY_WEIGHT = 0.7;    // loss = 0.3·CE(new) + 0.7·CE(replay), the paper's Lw_new = 0.3
""", ["parameters"]),
("md", """
# The stability gap on split Fashion-MNIST

The replication of `stability-gap.ipynb` on real images. De Lange, van de Ven & Tuytelaars (ICLR 2023,
*Continual evaluation for lifelong learning: identifying the stability gap*, arXiv 2205.13452) show
on split MNIST that experience replay's earlier tasks drop sharply right after each task switch and
recover — a dip that task-end evaluation never sees — using **per-iteration evaluation on held-out
subsets of every task seen**. We follow their split-MNIST set-up (Mattdl/ContinualEvaluation,
`reproduce/configs/splitmnist_ER.yaml`) on Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), read from
Debian's `dataset-fashion-mnist` by `loadFashionMnist`:

| | the paper (split MNIST, ER) | here (split Fashion-MNIST, ER) |
| --- | --- | --- |
| tasks | 5 × 2 classes, class-incremental | the same: {T-shirt, Trouser}, {Pullover, Dress}, {Coat, Sandal}, {Shirt, Sneaker}, {Bag, Ankle boot} |
| input | 28×28 = 784 pixels | 2×2 average-pooled: 14×14 = 196 (`POOL`) |
| training data | all 6,000 images per class | the first `TRAIN_PER_CLASS` = 500 per class of the training split |
| evaluation | every iteration, ≤ 1,000 test images per task | every iteration, `TEST_PER_CLASS` = 50 held-out test images per class (100 per task), fixed |
| model | MLP 784-400-400-10, ReLU | MLP 196-400-400-10, ReLU (`HIDDEN`) |
| optimiser | SGD, lr 0.01, momentum 0.9 | plain SGD, lr 0.1 (the same steady-state step; replab's trainer has no momentum) |
| batches | 256 new + 256 replayed, 10 epochs per task | 32 new + 32 replayed (`BATCH`), 100 steps per task (3.2 epochs) |
| replay | class-balanced buffer of 2,000 (of 60,000), Lw_new = 0.3 | class-balanced buffer of 200 (of 5,000), replay weight 0.7 |
| seeds | 5 | 5 (`SEEDS`) |

The sizes are cut so that five seeds run in about a minute on two CPU cores; everything else is the
paper's protocol. Every random choice (initial weights, batches, replay draws) derives from the seeds.
"""),
("code", """
import { loadFashionMnist, FASHION_MNIST_CLASSES } from "replab/models";
import {
  createMlp, splitTaskStream, trainContinual, continualMetrics, experienceReplay,
  type ContinualRun, type ContinualMetrics, type ContinualLogRow,
} from "replab/continual";
import { figure, stabilityGapFigure, taskEndOverlayFigure, continualComparisonFigure } from "replab/plots";
import { claim } from "replab/claims";
import * as aq from "arquero";

const PAPER = """ + STABILITY_PAPER + """;
const train = loadFashionMnist({ split: "train", pool: POOL as 1 | 2 | 4, perClass: TRAIN_PER_CLASS });
const test = loadFashionMnist({ split: "test", pool: POOL as 1 | 2 | 4, perClass: TEST_PER_CLASS });
const stream = splitTaskStream(train, { test, classNames: FASHION_MNIST_CLASSES, seed: 0 });
const taskNames = stream.tasks.map((t) => t.name);
aq.from(stream.tasks.map((t) => ({ task: t.index, name: t.name, train: t.train.n, test: t.test.n, features: stream.features })))
"""),
("md", """
## Experience replay, evaluated after every iteration, once per seed

The stream is the same for every seed (the dataset's own split); the seed draws the initial
weights, the batches and the replay draws. The figure shows the first seed's run.
"""),
("code", """
const replay: Array<{ seed: number; run: ContinualRun; metrics: ContinualMetrics }> = [];
const bar = progress({ label: "replay, one run per seed", total: SEEDS.length });
for (const seed of SEEDS) {
  const model = await createMlp({ sizes: [stream.features, HIDDEN, HIDDEN, 10], seed });
  const run = trainContinual({
    model, stream, strategy: experienceReplay({ memorySize: MEMORY, replayWeight: REPLAY_WEIGHT }),
    stepsPerTask: STEPS_PER_TASK, lr: LR, batchSize: BATCH, evalEvery: 1, seed, progress: false,
  });
  model.dispose();
  replay.push({ seed, run, metrics: continualMetrics(run.log, { tolerance: 0.02 }) });
  bar.tick();
}
bar.done();
display.markdown(`${replay[0]!.run.timing.steps} steps per run, ${replay[0]!.run.timing.evaluations} evaluations; the evaluator took ${(100 * replay[0]!.run.timing.evalShare).toFixed(0)}% of the first run's ${(replay[0]!.run.timing.totalMs / 1000).toFixed(1)} s.`);
stabilityGapFigure(replay[0]!.run.log, { taskNames, title: `Replay on split Fashion-MNIST (seed ${SEEDS[0]}): every task, evaluated after every iteration` })
"""),
("code", """
taskEndOverlayFigure(replay[0]!.run.log, { taskNames, title: `Task-end evaluation (markers) over per-iteration evaluation (lines), seed ${SEEDS[0]}` })
"""),
("md", """
Per seed: final accuracy, min-ACC, WC-ACC, and the mean depth, hidden part and timing of the gaps
(over every earlier task at every switch; `hidden` is the part of a dip below both task-end
evaluations around it, the timing the share of the new task's steps done when the minimum came).
Then the first seed's gaps table.
"""),
("code", PER_SEED_TABLE + ";\n"),
("code", """
replay[0]!.metrics.gaps
"""),
("md", REPLAY_CLAIMS_MD),
("code", FIRST_TASK_FIGURE + replay_claims_code()),
("md", """
## Reading the result

With the default seeds and with the seed lists 11–15 and 101, 202, …, 505, claims 1–3 hold and
claim 4 does not. Replay's earlier tasks do dip between task ends — by about 0.18–0.25 below both
task-end evaluations around a switch — and min-ACC and WC-ACC lie 0.21–0.37 below the final accuracy,
larger than on digits. But the dip is not the paper's sharp drop right after the switch followed by
a recovery: the minimum comes about halfway through the new task (mean share 0.50–0.59 of its
steps), and the earlier tasks recover only partly. At this scale (500 images per class, plain SGD
without momentum, 100-image evaluation subsets, similar classes such as Pullover, Coat and Shirt in
different tasks) what task-end evaluation hides is mostly a sagging, noisy stretch rather than a
transient gap. We report it as it is rather than retune the set-up.
"""),
], "stability-gap-fashion-mnist")

# --------------------------------------------------------------------------------------------
nb([
("code", """
// parameters: seeds and sizes (papermill-style tagged cell; edit and rerun, or `replab run -p SEEDS '[…]'`)
let SEEDS = [1, 2, 3, 4, 5];
let ANGLES = [0, 30, 60, 90];  // rotation of task 1 against task 0; 0° is the no-switch baseline
let STEPS_PER_TASK = 100;      // SGD steps on each task
let LR = 0.3;
let EVAL_SIZE = 100;           // fixed test subset of task 0, evaluated after every step
let MEMORY = 50;               // replay buffer, class-balanced
let MARGIN = 0.02;             // the claims' margin on a paired difference of gap depth
""", ["parameters"]),
("md", """
# The stability gap grows with task dissimilarity

De Lange, van de Ven & Tuytelaars (ICLR 2023, *Continual evaluation for lifelong learning:
identifying the stability gap*, arXiv 2205.13452) report, from a controlled experiment, that the
transient drop of earlier tasks after a task switch — the stability gap — is larger when the tasks
are more dissimilar.

We test that on the 8×8 digits with a knob for dissimilarity: task 1 is the same digits as task 0,
**rotated** by an angle (bilinear resampling). For each angle and seed we train a small MLP with
experience replay on the two tasks, evaluate task 0 after every iteration, and measure the gap
depth at the switch: task 0's accuracy just before it minus its lowest accuracy while task 1
trains. At 0° task 1 *is* task 0 (a new pass over the same data, not a switch), so its "gap" is
only the noise of SGD: it is shown as a baseline, never as a task. The claim is on 30°, 60° and 90°.
"""),
("code", """
import { loadDigits } from "replab/frames";
import { createMlp, rotatedTaskStream, rotateImage, trainContinual, experienceReplay, continualMetrics, type ContinualLogRow } from "replab/continual";
import { figure, stabilityGapFigure } from "replab/plots";
import { claim, sanity } from "replab/claims";
import { meanInterval } from "replab/stats";
import * as aq from "arquero";

const PAPER = """ + STABILITY_PAPER + """;
const digits = loadDigits();
// One digit at every angle, side by side (a blank column between them): what the model sees in task 1.
const rotated = ANGLES.map((a) => rotateImage(digits.x.subarray(0, 64), 8, a));
if (ANGLES.includes(0)) display(sanity("at 0° task 1 is task 0: rotating by 0° leaves an image unchanged", rotated[ANGLES.indexOf(0)]!.every((v, i) => Math.abs(v - digits.x[i]!) < 1e-6)));
figure({
  data: [{
    type: "heatmap", colorscale: "Greys", reversescale: true, showscale: false, hoverinfo: "skip",
    z: Array.from({ length: 8 }, (_, r) => rotated.flatMap((img) => [...Array.from(img.subarray(r * 8, r * 8 + 8)), null])),
  }],
  layout: {
    title: { text: `Task 1 = task 0 rotated by ${ANGLES.map((a) => `${a}°`).join(", ")}` }, height: 260,
    xaxis: { visible: false, constrain: "domain" }, yaxis: { visible: false, autorange: "reversed", scaleanchor: "x" },
  },
})
"""),
("code", """
type GapRow = { angle: number; seed: number; before: number; min: number; depth: number; minIteration: number };
const gapRows: GapRow[] = [];
const curves = new Map<number, ContinualLogRow[]>();
const bar = progress({ label: "angles × seeds", total: ANGLES.length * SEEDS.length });
for (const angle of ANGLES) {
  for (const seed of SEEDS) {
    const stream = rotatedTaskStream(digits, { angles: [0, angle], seed });
    const model = await createMlp({ sizes: [64, 64, 10], seed });
    const run = trainContinual({
      model, stream, strategy: experienceReplay({ memorySize: MEMORY }), stepsPerTask: STEPS_PER_TASK, lr: LR,
      evalEvery: 1, evalSize: EVAL_SIZE, seed, progress: false,
    });
    model.dispose();
    const gap = continualMetrics(run.log).gaps.objects()[0] as GapRow;
    gapRows.push({ angle, seed, before: gap.before, min: gap.min, depth: gap.depth, minIteration: gap.minIteration });
    if (seed === SEEDS[0]) curves.set(angle, run.log.objects() as ContinualLogRow[]);
    bar.tick();
  }
}
bar.done();
const depthAt = (angle: number) => SEEDS.map((seed) => gapRows.find((r) => r.angle === angle && r.seed === seed)!.depth);
// per angle: the mean depth over seeds with its 95% interval, and (paired by seed) how much deeper than the no-switch baseline
aq.from(ANGLES.map((angle) => {
  const d = meanInterval(depthAt(angle));
  const vs0 = ANGLES.includes(0) && angle !== 0 ? meanInterval(depthAt(angle).map((v, k) => v - depthAt(0)[k]!)) : null;
  return { angle, meanDepth: d.estimate, ci_low: d.low, ci_high: d.high, minDepth: Math.min(...depthAt(angle)), maxDepth: Math.max(...depthAt(angle)),
    deeperThan0: vs0?.estimate ?? null, deeperThan0_low: vs0?.low ?? null, deeperThan0_high: vs0?.high ?? null };
}))
"""),
("md", """
Task 0's accuracy around the switch, one line per angle (first seed).
"""),
("code", """
figure({
  data: ANGLES.map((a) => {
    const rows = curves.get(a)!.filter((r) => r.evalTask === 0 && r.iteration >= STEPS_PER_TASK - 20);
    return { type: "scatter", mode: "lines", name: `${a}°`, x: rows.map((r) => r.iteration), y: rows.map((r) => r.accuracy) };
  }),
  layout: {
    title: { text: `Task 0 accuracy around the switch to the rotated task (iteration ${STEPS_PER_TASK}, seed ${SEEDS[0]})` },
    xaxis: { title: { text: "training iteration" } }, yaxis: { title: { text: "task 0 accuracy" } },
    shapes: [{ type: "line", x0: STEPS_PER_TASK, x1: STEPS_PER_TASK, yref: "paper", y0: 0, y1: 1, line: { dash: "dot", color: "#999" } }],
  },
})
"""),
("code", """
stabilityGapFigure(curves.get(ANGLES[ANGLES.length - 1]!)!, { taskNames: ["0°", `${ANGLES[ANGLES.length - 1]}°`], title: `Replay, task 0 at 0° then task 1 at ${ANGLES[ANGLES.length - 1]}° (seed ${SEEDS[0]})` })
"""),
("md", """
## The claim, over seeds

"The gap grows with dissimilarity" is the ordering 30° < 60° < 90° of the gap depth, tested as two
paired differences per seed (the same seed's split, initial weights and batches at both angles):
depth(60°) − depth(30°) and depth(90°) − depth(60°). **We call each step replicated when the 95%
interval of its paired difference lies above `MARGIN` = 0.02** (about one test image in fifty);
the ordering holds when both do. The 0° runs are not part of it: they show how deep the "gap" of a
run with no switch is.
"""),
("code", """
const depthFigure = (title: string, highlight: number[]) => {
  const means = ANGLES.map((a) => depthAt(a).reduce((s, d) => s + d, 0) / SEEDS.length);
  return figure({
    data: [
      ...SEEDS.map((seed, k) => ({ type: "scatter", mode: "lines+markers", name: `seed ${seed}`, x: ANGLES, y: ANGLES.map((a) => depthAt(a)[k]!), line: { color: "#bbb", width: 1 }, marker: { size: 6 }, showlegend: k === 0 })),
      { type: "scatter", mode: "lines+markers", name: "mean over seeds", x: ANGLES, y: means, line: { width: 3, color: "#1f77b4" } },
      { type: "scatter", mode: "markers", name: "compared", x: highlight, y: highlight.map((a) => means[ANGLES.indexOf(a)]!), marker: { size: 14, symbol: "circle-open", color: "#d62728", line: { width: 2 } } },
    ],
    layout: { title: { text: title }, xaxis: { title: { text: "angle between tasks (degrees; 0° = no switch)" } }, yaxis: { title: { text: "gap depth (accuracy points)" } } },
  });
};
const diff = (hi: number, lo: number) => SEEDS.map((_, k) => depthAt(hi)[k]! - depthAt(lo)[k]!);
// one claim per consecutive pair of switching angles (30° → 60° → 90° by default)
const switching = ANGLES.filter((a) => a > 0);
const claims = switching.slice(1).map((hi, k) => {
  const lo = switching[k]!;
  return claim({
    id: `gap-deeper-at-${hi}-than-${lo}`, paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
    statement: `The stability gap is deeper when task 1 is rotated by ${hi}° than by ${lo}°: paired difference above ${MARGIN}`,
    statistic: `depth(${hi}°) − depth(${lo}°), replay, same seed`,
    values: diff(hi, lo),
    figure: depthFigure(`Stability-gap depth vs. rotation angle: ${hi}° against ${lo}°`, [lo, hi]),
  });
});
claims.forEach((c) => display(c));
const ordered = claims.every((c) => c.verdict === "holds");
display.markdown(`**The ordering ${switching.map((a) => `${a}°`).join(" < ")} ${ordered ? "holds" : "does not hold"}** with seeds ${SEEDS.join(", ")}: ` +
  claims.map((c) => `\\`${c.id}\\` ${c.verdict} (${c.mean.toFixed(3)}, 95% CI [${c.low.toFixed(3)}, ${c.high.toFixed(3)}])`).join("; ") +
  (ANGLES.includes(0) ? `. Baseline with no switch (0°): mean depth ${(depthAt(0).reduce((s, d) => s + d, 0) / SEEDS.length).toFixed(3)}.` : "."));
"""),
("md", """
## Reading the result

The ordering does not replicate here. With the default seeds, 11–15 and 101, 202, …, 505, every
rotation opens a gap deeper than the no-switch baseline (on average 0.04–0.10 deeper than at 0°),
and 60° is deeper than 30° on average in all three lists (by 0.012, 0.016 and 0.046), but 90° is not
deeper than 60° (+0.020, −0.020, −0.004), and neither step has its 95% interval above the 0.02
margin with any of the three lists (60° − 30° "partly" holds with 101–505). On a two-task,
8×8-digit stream with 100 evaluation images and five seeds, the depth does not rise measurably
from 60° to 90°, and from 30° to 60° only weakly.
"""),
], "gap-vs-dissimilarity")

import { describe, expect, it } from "vitest";
import { verifyMath, type VerifyMathOptions } from "../../lib/verifiers/index.js";
import { ReplabError } from "../../lib/core/errors.js";

// One block per class of failure found by running Math-Verify's own suite and the false
// positives a reward must never give. [response, gold, expected, options?]
type Row = [string, string, "correct" | "incorrect" | "invalid", VerifyMathOptions?];

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    for (const [response, gold, expected, options] of rows) {
      it(`${JSON.stringify(response)} vs ${JSON.stringify(gold)}${options ? ` ${JSON.stringify(options)}` : ""} → ${expected}`, () => {
        const r = verifyMath(response, gold, options);
        expect(r.verdict, r.reason).toBe(expected);
      });
    }
  });
}

table("false positives: an infinity equals only the same infinity", [
  ["\\boxed{\\infty}", "1", "incorrect"],
  ["\\boxed{10^{400}}", "\\infty", "incorrect"],
  ["\\boxed{\\infty}", "-\\infty", "incorrect"],
  ["\\boxed{+\\infty}", "\\infty", "correct"],
  ["\\boxed{(5, \\infty)}", "(-\\infty, 3)", "incorrect"],
  ["\\boxed{(5, \\infty)}", "(5, 10^{9})", "incorrect"],
  ["\\boxed{\\frac{1}{0}}", "\\infty", "incorrect"],
]);

table("false positives: words and choice letters compare as text, never as algebra", [
  ["\\boxed{\\text{seat}}", "\\text{east}", "incorrect"],
  ["\\boxed{\\text{no}}", "\\text{on}", "incorrect"],
  ["\\boxed{on}", "\\text{no}", "incorrect"],
  ["\\boxed{\\textbf{Evelyn}}", "Evelyn", "correct"],
  ["$odd$", "\\text{odd}", "correct"],
  ["\\boxed{\\mathrm{Even}}", "even", "correct"],
  ["\\boxed{\\text{(C)}}", "C", "correct"],
  ["The answer is (B).", "C", "incorrect"],
]);

table("thousands separators apply to one number, not inside tuples and intervals", [
  ["\\boxed{(12,102)}", "(12, 102)", "correct"],
  ["\\boxed{(12,102)}", "12102", "incorrect"],
  ["\\boxed{[1, 500]}", "[1,500]", "correct"],
  ["\\boxed{[1, 500]}", "1500", "incorrect"],
  ["$x \\in \\boxed{(2,12) \\cup (12,102)}$", "(2, 12) \\cup (12, 102)", "correct"],
  ["\\boxed{1,000}", "1000", "correct"],
  ["\\boxed{32,\\! 349}", "32349", "correct"],
  ["\\boxed{32, 349}", "32349", "incorrect"],
]);

table("several bracketed groups are several answers; a named tuple is its tuple", [
  ["\\boxed{(1,2),(3,4)}", "(3,4),(1,2)", "correct"],
  ["\\boxed{(1,2),(3,4)}", "(1,2)", "incorrect"],
  ["\\boxed{(1,2)}", "(1,2),(3,4)", "incorrect"],
  ["$(3,2)$", "(p,q)=(3,2)", "correct"],
  ["$(2,3)$", "(p,q)=(3,2)", "incorrect"],
  ["$(5,2),(7,2)$", "p=5,q=2;p=7,q=2", "correct"],
  ["$(2,5),(7,2)$", "p=5,q=2;p=7,q=2", "incorrect"],
]);

table("answer sentences and display math after \"Answer\"", [
  ["Final Answer: The largest $n$ is 34.", "34", "correct"],
  ["Final Answer: The largest $n$ is 35.", "34", "incorrect"],
  ["Answer $$\n9\n$$", "9", "correct"],
  ["Answer $$\n9\n$$", "8", "incorrect"],
  ["Answer \\[ \n 9 \n \\]", "9", "correct"],
  ["Final Answer: The final answer is $28 \\%$. I hope it is correct.", "28\\%", "correct"],
]);

table("relations and inequalities; intervals and inequalities", [
  ["$1 > x$", "x < 1", "correct"],
  ["$x > -1$", "x < 1", "incorrect"],
  ["$-x > -1$", "x < 1", "correct"],
  ["$-x \\ge -1$", "x \\le 1", "correct"],
  ["$-x > -1$", "x \\le 1", "incorrect"],
  ["$x \\neq 3$", "x != 3", "correct"],
  ["$x \\neq 3$", "x \\ne 4", "incorrect"],
  ["$5 \\geq x$", "x \\le 5", "correct"],
  ["$x < 5$", "x \\le 5", "incorrect"],
  ["$(-\\infty, 3)$", "x < 3", "correct"],
  ["$(-\\infty, 3]$", "x < 3", "incorrect"],
  ["$x < 3$", "(-\\infty, 3)", "incorrect"],
  ["$x < 3$", "(-\\infty, 3)", "correct", { allowSetRelationComparison: true }],
  ["$x \\in [-2,7]$", "-2 \\le x \\le 7", "correct"],
  ["$z \\in [-\\frac{3}{2}, -1] \\cup [1, \\frac{3}{2}]$", "1\\leq|z|\\leq \\frac{3}{2}", "correct"],
  ["$z \\in [-\\frac{3}{2}, -1] \\cup [1, 2]$", "1\\leq|z|\\leq \\frac{3}{2}", "incorrect"],
]);

table("equation chains, \\approx, labels, and equations up to rearrangement", [
  ["$x = 5+5+1 = 7 = 11$", "x = 11", "correct"],
  ["$x = 5+5+1 = 11$", "11", "correct"],
  ["$x = 1/3 \\approx 0.33$", "1/3", "correct"],
  ["$x \\approx 11$", "11", "correct"],
  ["$\\boxed{4, 5}$", "AB=4,CD=5", "correct"],
  ["$\\frac{1}{\\sqrt{6}}$", "\\frac{NO}{BO}=\\frac{1}{\\sqrt{6}}", "correct"],
  ["$y = 2$", "x = 2", "incorrect"],
  ["$y=-\\frac{1}{2}x+\\frac{3}{4}$", "2x+4y-3=0", "correct"],
  ["$y=\\frac{1}{2}x+\\frac{3}{4}$", "2x+4y-3=0", "incorrect"],
  ["$x^2/16 + y^2/12 = 1/4$", "x^2/4 + y^2/3 = 1", "correct"],
  ["$11a+c$", "7 = 11a+c", "incorrect"],
  ["$0$", "a + 3z = 0", "incorrect"],
]);

table("false positives: an equation's last side is its answer only when its other sides are labels or equal to it", [
  ["$\\boxed{x+1=5}$", "5", "incorrect"],
  ["$2x = 10$", "10", "incorrect"],
  ["$\\boxed{x^2+1=5}$", "5", "incorrect"],
  ["$\\boxed{3 = 4}$", "4", "incorrect"],
  ["$x = 10 = 11$", "11", "incorrect"],
  ["$3 = 4 = 4$", "4", "incorrect"],
  ["$\\sqrt{x} = 3$", "3", "incorrect"],
  ["$\\sin x = \\frac{1}{2}$", "\\frac{1}{2}", "incorrect"],
  ["$x(x+1) = 6$", "6", "incorrect"],
  ["$\\pi = 3$", "3", "incorrect"],
  ["$\\frac{1}{x} = 2$", "2", "incorrect"],
  ["$(x, y) = (1, 2) = (2, 2)$", "(2, 2)", "incorrect"],
  // Math-Verify's reading, by option: the last side whatever the rest says
  ["$\\boxed{x+1=5}$", "5", "correct", { equationAnswer: "last-side" }],
  ["$\\boxed{3 = 4}$", "4", "correct", { equationAnswer: "last-side" }],
]);

table("labelled answers and true chains stay correct", [
  ["$x = 5+5+1 = 11$", "11", "correct"],
  ["$AB = 4$", "4", "correct"],
  ["$f(2)=7$", "7", "correct"],
  ["$\\frac{NO}{BO} = 3/4$", "3/4", "correct"],
  ["$(p,q)=(3,2)$", "(3,2)", "correct"],
  ["$x = 4$", "4", "correct"],
  ["$y = 3x$", "3x", "correct"],
  ["$2 + 3 = 5$", "5", "correct"],
  ["$\\log_2 8 = 3$", "3", "correct"],
  ["$x_1 = 2$", "2", "correct"],
  ["$x' = 2$", "2", "correct"],
  ["$\\angle ABC = 30^\\circ$", "30", "correct"],
  ["$\\overline{AB} = 4$", "4", "correct"],
  ["$[ABC] = 12$", "12", "correct"],
  ["$P(A \\cap B) = 0.3$", "0.3", "correct"],
  ["$\\gcd(4, 6) = 2$", "2", "correct"],
  ["$AB = CD = 4$", "4", "correct"],
  ["$(x, y) = (1+1, 2) = (2, 2)$", "(2, 2)", "correct"],
  // against a gold equation, an equation is compared as one: x + 1 = 5 says x = 4
  ["$\\boxed{x+1=5}$", "x = 4", "correct"],
  ["$\\boxed{2x=8}$", "x = 4", "correct"],
  ["$\\boxed{x+1=5}$", "x = 5", "incorrect"],
  // against a gold assignment, a chain is its first label and last side (Math-Verify's reading, its suite's case)
  ["$x = 5+5+1 = 7 = 11$", "x = 11", "correct"],
  // the cost of the default: m + n = 7 asked for cannot be told from x + 1 = 5 solved wrong
  ["$m + n = 7$", "7", "incorrect"],
  ["$m + n = 7$", "7", "correct", { equationAnswer: "last-side" }],
]);

table("\\approx gets no tolerance of its own; inequalities, sets and lists are not their bound or element", [
  ["$x \\approx 3.1$", "3", "incorrect"],
  ["$x \\approx 3.14$", "\\pi", "incorrect"],
  ["$x \\approx 3.14$", "\\pi", "correct", { floatRounding: 2 }],
  ["$x = \\sqrt{2} \\approx 1.41$", "1.41", "incorrect"],
  ["$0 < x < 5$", "5", "incorrect"],
  ["$x \\le 5$", "5", "incorrect"],
  ["$1 < 2 < 3$", "3", "incorrect"],
  ["$x = 5 < 6$", "5", "incorrect"],
  ["\\boxed{\\{3, 4\\}}", "3", "incorrect"],
  ["\\boxed{x \\in \\{3, 4\\}}", "3", "incorrect"],
  ["\\boxed{5 \\pm 1}", "5", "incorrect"],
]);

table("false positives: hedges name every alternative", [
  ["The answer is 5 or 6", "5", "incorrect"],
  ["The answer is $5$ or $6$.", "5", "incorrect"],
  ["The answer is $5$ or possibly $6$.", "5", "incorrect"],
  ["\\boxed{5 \\text{ or } 6}", "5", "incorrect"],
  ["\\boxed{5} \\text{ or } \\boxed{6}", "5", "incorrect"],
  ["The answer is B or C", "B", "incorrect"],
  ["The answer is (B) or (C).", "B", "incorrect"],
  ["I would pick (B), (C)", "C", "incorrect"],
  ["\\boxed{B \\text{ or } C}", "B", "incorrect"],
  ["(A) and (B) are ruled out, so the answer is C.", "C", "correct"],
  ["The answer is $5$.", "5", "correct"],
]);

table("false positives: percent — an answer's % is a fraction; a gold's % also accepts its number", [
  ["\\boxed{10\\%}", "0.1", "correct"],
  ["\\boxed{10\\%}", "10", "incorrect"],
  ["\\boxed{0.1\\%}", "0.1", "incorrect"],
  ["\\boxed{1\\%}", "1", "incorrect"],
  ["\\boxed{10}", "10\\%", "correct"],
  ["\\boxed{0.1}", "10\\%", "correct"],
  ["The answer is 28 percent.", "28\\%", "correct"],
  ["\\boxed{10}", "10\\%", "incorrect", { percent: "fraction" }],
  ["\\boxed{10\\%}", "10", "correct", { percent: "either" }],
]);

table("false positives: units — scale words multiply, qualifiers stay, different units differ", [
  ["\\boxed{5 \\text{ thousand}}", "5", "incorrect"],
  ["\\boxed{5 \\text{ thousand}}", "5000", "correct"],
  ["The answer is 5 thousand.", "5", "incorrect"],
  ["The answer is $2.5$ million.", "2500000", "correct"],
  ["\\boxed{2.5 \\text{ million dollars}}", "2500000", "correct"],
  ["\\boxed{5 \\text{ dozen}}", "60", "correct"],
  ["\\boxed{3 \\text{ or more}}", "3", "incorrect"],
  ["\\boxed{5 \\text{ squared}}", "5", "incorrect"],
  ["\\boxed{5 \\text{ is wrong}}", "5", "incorrect"],
  ["\\boxed{5 \\text{ m}}", "5 \\text{ cm}", "incorrect"],
  ["\\boxed{12 \\text{ ft}}", "12 \\text{ ft}^2", "incorrect"],
  ["\\boxed{5 \\text{ meters}}", "5 \\text{ m}", "correct"],
  ["\\boxed{12 \\text{ square feet}}", "12 \\text{ ft}^2", "correct"],
  ["\\boxed{5 \\text{ cm}}", "5", "correct"],
  ["\\boxed{12 \\text{ apples}}", "12", "correct"],
]);

table("matrices, \\sec \\csc \\cot, \\textnormal, sums with bounds, units", [
  ["$\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}$", "\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}", "correct"],
  ["$\\begin{pmatrix}1 & 2 \\\\ 3 & 5\\end{pmatrix}$", "\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}", "incorrect"],
  ["$\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} + \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix}$", "\\begin{pmatrix}6 & 8 \\\\ 10 & 12\\end{pmatrix}", "correct"],
  ["$\\begin{pmatrix}1 \\\\ 2\\end{pmatrix}$", "\\begin{pmatrix}1 & 2\\end{pmatrix}", "incorrect"],
  ["$\\sec^2(y)$", "\\tan^2(y)+1", "correct"],
  ["$\\csc x$", "\\frac{1}{\\sin x}", "correct"],
  ["$\\cot x$", "\\tan x", "incorrect"],
  ["The distance is $\\boxed{125\\textnormal{ miles}}.$", "125", "correct"],
  ["$\\boxed{15\\mbox{ cm}^2}$", "15", "correct"],
  ["$\\sum_{k=1}^{n} k$", "\\frac{n(n+1)}{2}", "correct"],
  ["$\\sum_{k=1}^{n} k^2$", "\\frac{n(n+1)}{2}", "incorrect"],
  ["$F_n = \\sum_{k=0}^{n-1} F_{n-k-1} F_k$", "F_n = \\sum_{k=0}^{n-1} F_k F_{n-k-1}", "correct"],
  ["$F_n = \\sum_{k=0}^{n-2} F_k F_{n-k-2}$", "F_n = \\sum_{k=0}^{n-1} F_k F_{n-k-1}", "incorrect"],
]);

table("lists with \"and\", \"or\" and semicolons; several boxes are one set by default", [
  ["\\boxed{1, 2 \\text{ and } 3}", "\\{1,2,3\\}", "correct"],
  ["$19, 46, \\text{ and } 82$", "19, 46, and 82", "correct"],
  ["$21,16,11$", "$21,16$ or $11$", "correct"],
  ["$\\boxed{\\{-12, -11, -10\\}}$", "-12;-11;-10", "correct"],
  ["\\boxed{1} and \\boxed{2}", "\\{1,2\\}", "correct"],
  ["\\boxed{1} and \\boxed{2}", "2", "incorrect"],
  ["\\boxed{1} and \\boxed{2}", "2", "correct", { boxed: "last" }],
  ["\\boxed{3} or \\boxed{5}", "5", "incorrect"],
  ["\\boxed{1} no no no no no \\boxed{2}", "2", "correct"],
]);

table("decimal comma only by option", [
  ["1,22", "1.22", "incorrect"],
  ["1,22", "1.22", "correct", { decimalComma: true }],
  ["Soucis : 2,74 $ a..", "2.74", "correct", { decimalComma: true }],
  ["\\boxed{1,000}", "1000", "correct", { decimalComma: true }],
  ["\\boxed{0,5}", "0.5", "correct", { decimalComma: true }],
]);

table("bad input: invalid with a reason, never an exception from the parser", [
  ["", "1", "invalid"],
  ["   \n ", "1", "invalid"],
  ["$\\frac{$", "1", "invalid"],
  ["\\boxed{\\sqrt[}", "1", "invalid"],
  ["\\boxed{\\begin{pmatrix}1 & 2}", "1", "invalid"],
  ["\\boxed{|x}", "1", "invalid"],
  ["\\boxed{\\frac{1}}", "1", "invalid"],
  ["}}}{{{", "1", "invalid"],
  ["$$$$", "1", "invalid"],
]);

describe("bad input: sizes and argument types", () => {
  it("an enormous response is invalid, not parsed", () => {
    expect(verifyMath("\\boxed{1}" + " x".repeat(150_000), "1").reason).toMatch(/maxResponseLength/);
  });
  it("deep nesting does not throw", () => {
    const deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    expect(["incorrect", "invalid", "correct"]).toContain(verifyMath(`\\boxed{${deep}}`, "2", { maxAnswerLength: 20_000 }).verdict);
  });
  it("wrong argument types raise a ReplabError naming the argument", () => {
    expect(() => verifyMath(null as unknown as string, "1")).toThrow(ReplabError);
    expect(() => verifyMath("1", 1 as unknown as string)).toThrow(/verifyMath: gold=/);
    expect(() => verifyMath("1", "1", { boxed: "first" as never })).toThrow(/options.boxed/);
    expect(() => verifyMath("1", "1", { floatRounding: 1.5 })).toThrow(/options.floatRounding/);
    expect(() => verifyMath("1", "1", { choices: [] })).toThrow(/options.choices/);
    expect(() => verifyMath("1", "1", { equationAnswer: "first-side" as never })).toThrow(/options.equationAnswer/);
    expect(() => verifyMath("1", "1", { percent: "number" as never })).toThrow(/options.percent/);
  });
});

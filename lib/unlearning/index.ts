/** replab/unlearning — being built; see README. */
export {};

/** replab/stats — being built; see README. */
export {};

/** replab/continual — being built; see README. */
export {};

/** replab/labs — being built; see README. */
export {};

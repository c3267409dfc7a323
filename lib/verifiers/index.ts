/** replab/verifiers — being built; see README. */
export {};

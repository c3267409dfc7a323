/** replab/rollouts — being built; see README. */
export {};

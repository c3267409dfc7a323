/** Plotly figure builders for replab/rollouts — being built. */
export {};

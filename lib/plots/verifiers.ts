/** Plotly figure builders for replab/verifiers — being built. */
export {};

/** Plotly figure builders for replab/unlearning — being built. */
export {};

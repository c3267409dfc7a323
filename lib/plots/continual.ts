/** Plotly figure builders for replab/continual — being built. */
export {};

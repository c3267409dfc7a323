{
  "targets": [
    {
      "target_name": "replab_mlp_blas",
      "sources": ["mlp-blas.c"],
      "cflags": ["-O3", "-std=c11", "<!@(pkg-config --cflags openblas)"],
      "libraries": ["<!@(pkg-config --libs openblas)"]
    }
  ]
}

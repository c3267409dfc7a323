/*
 * replab's native MLP engine: the fused step's three layer operations on a Float32Array that
 * the JavaScript driver owns (lib/models/native/native-mlp.ts), its matrix products through
 * OpenBLAS's cblas_sgemm and the rest as plain loops. Every matrix is row-major float32, given
 * by its offset (in floats) into the array; widths are the layer's own (no padding).
 *
 *   dense(buf, x, W, b, out, M, K, N, relu)  out[M,N] = x[M,K]·W[K,N] + b, then max(·, 0) if relu
 *   backInput(buf, dz, W, h, dh, M, K, N)    dh[M,K] = (dz[M,N]·Wᵀ) ⊙ [h[M,K] > 0]
 *   update(buf, h, dz, W, b, sum, M, K, N, alpha)
 *                                            W += alpha·hᵀ·dz, b += alpha·Σ_i dz[i,:] (the column
 *                                            sums in the N floats at sum, zeroed here)
 *   setThreads(n)                            OpenBLAS's thread count (replab sets 1 at load)
 *   info()                                   { config, core, threads } as OpenBLAS reports them
 *
 * The transposes are cblas_sgemm's (CblasTrans), never copies. Offsets and sizes are checked
 * against the array's length, so a wrong call throws a RangeError instead of writing outside it.
 */
#include <node_api.h>
#include <cblas.h>
#include <string.h>

#define MAX_ARGS 9

/* The arguments of one call: the array's data and length, then integer arguments in order. */
typedef struct {
  float *buf;
  size_t length;
  int64_t n[MAX_ARGS];
  double alpha;
  int ok;
} Call;

static napi_value fail(napi_env env, const char *code, const char *message) {
  napi_throw_range_error(env, code, message);
  return NULL;
}

/* Reads (Float32Array, `ints` integers) from the call's arguments, and a number after them when `wantAlpha`. */
static Call read_call(napi_env env, napi_callback_info info, size_t ints, int wantAlpha) {
  Call c = {0};
  size_t argc = MAX_ARGS + 1;
  napi_value argv[MAX_ARGS + 1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t want = 1 + ints + (wantAlpha ? 1 : 0);
  if (argc < want) { napi_throw_type_error(env, "ERR_REPLAB_ARGS", "replab native MLP engine: too few arguments"); return c; }
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float32_array) {
    napi_throw_type_error(env, "ERR_REPLAB_ARGS", "replab native MLP engine: the first argument must be a Float32Array");
    return c;
  }
  c.buf = (float *)data;
  c.length = length;
  for (size_t i = 0; i < ints; i++) {
    if (napi_get_value_int64(env, argv[1 + i], &c.n[i]) != napi_ok || c.n[i] < 0) {
      napi_throw_type_error(env, "ERR_REPLAB_ARGS", "replab native MLP engine: offsets and sizes must be non-negative integers");
      return c;
    }
  }
  if (wantAlpha && napi_get_value_double(env, argv[1 + ints], &c.alpha) != napi_ok) {
    napi_throw_type_error(env, "ERR_REPLAB_ARGS", "replab native MLP engine: alpha must be a number");
    return c;
  }
  c.ok = 1;
  return c;
}

/* Whether floats [offset, offset + rows·cols) lie inside the array. */
static int inside(const Call *c, int64_t offset, int64_t rows, int64_t cols) {
  return offset + rows * cols <= (int64_t)c->length;
}

static napi_value dense(napi_env env, napi_callback_info info) {
  Call c = read_call(env, info, 8, 0);
  if (!c.ok) return NULL;
  int64_t x = c.n[0], W = c.n[1], b = c.n[2], out = c.n[3], M = c.n[4], K = c.n[5], N = c.n[6], relu = c.n[7];
  if (!inside(&c, x, M, K) || !inside(&c, W, K, N) || !inside(&c, b, 1, N) || !inside(&c, out, M, N))
    return fail(env, "ERR_REPLAB_RANGE", "replab native MLP engine: dense reaches past the end of the array");
  float *o = c.buf + out;
  const float *bias = c.buf + b;
  for (int64_t i = 0; i < M; i++) memcpy(o + i * N, bias, (size_t)N * sizeof(float));
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)M, (int)N, (int)K, 1.0f, c.buf + x, (int)K, c.buf + W, (int)N, 1.0f, o, (int)N);
  if (relu)
    for (int64_t i = 0; i < M * N; i++) o[i] = o[i] < 0.0f ? 0.0f : o[i]; /* NaN stays NaN, as tf.relu */
  return NULL;
}

static napi_value back_input(napi_env env, napi_callback_info info) {
  Call c = read_call(env, info, 7, 0);
  if (!c.ok) return NULL;
  int64_t dz = c.n[0], W = c.n[1], h = c.n[2], dh = c.n[3], M = c.n[4], K = c.n[5], N = c.n[6];
  if (!inside(&c, dz, M, N) || !inside(&c, W, K, N) || !inside(&c, h, M, K) || !inside(&c, dh, M, K))
    return fail(env, "ERR_REPLAB_RANGE", "replab native MLP engine: backInput reaches past the end of the array");
  float *d = c.buf + dh;
  const float *act = c.buf + h;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)M, (int)K, (int)N, 1.0f, c.buf + dz, (int)N, c.buf + W, (int)N, 0.0f, d, (int)K);
  for (int64_t i = 0; i < M * K; i++) d[i] = act[i] > 0.0f ? d[i] : 0.0f;
  return NULL;
}

static napi_value update(napi_env env, napi_callback_info info) {
  Call c = read_call(env, info, 8, 1);
  if (!c.ok) return NULL;
  int64_t h = c.n[0], dz = c.n[1], W = c.n[2], b = c.n[3], s = c.n[4], M = c.n[5], K = c.n[6], N = c.n[7];
  if (!inside(&c, h, M, K) || !inside(&c, dz, M, N) || !inside(&c, W, K, N) || !inside(&c, b, 1, N) || !inside(&c, s, 1, N))
    return fail(env, "ERR_REPLAB_RANGE", "replab native MLP engine: update reaches past the end of the array");
  float alpha = (float)c.alpha;
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)K, (int)N, (int)M, alpha, c.buf + h, (int)K, c.buf + dz, (int)N, 1.0f, c.buf + W, (int)N);
  float *sum = c.buf + s;
  memset(sum, 0, (size_t)N * sizeof(float));
  const float *g = c.buf + dz;
  for (int64_t i = 0; i < M; i++)
    for (int64_t j = 0; j < N; j++) sum[j] += g[i * N + j];
  float *bias = c.buf + b;
  for (int64_t j = 0; j < N; j++) bias[j] += alpha * sum[j];
  return NULL;
}

static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t n = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_int32(env, argv[0], &n) != napi_ok || n < 1)
    return fail(env, "ERR_REPLAB_ARGS", "replab native MLP engine: setThreads takes a positive integer");
  openblas_set_num_threads(n);
  return NULL;
}

static napi_value string_value(napi_env env, const char *s) {
  napi_value v;
  napi_create_string_utf8(env, s ? s : "", NAPI_AUTO_LENGTH, &v);
  return v;
}

static napi_value blas_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out, threads;
  napi_create_object(env, &out);
  napi_set_named_property(env, out, "config", string_value(env, openblas_get_config()));
  napi_set_named_property(env, out, "core", string_value(env, openblas_get_corename()));
  napi_create_int32(env, openblas_get_num_threads(), &threads);
  napi_set_named_property(env, out, "threads", threads);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"dense", NULL, dense, NULL, NULL, NULL, napi_enumerable, NULL},
    {"backInput", NULL, back_input, NULL, NULL, NULL, napi_enumerable, NULL},
    {"update", NULL, update, NULL, NULL, NULL, napi_enumerable, NULL},
    {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
    {"info", NULL, blas_info, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  openblas_set_num_threads(1);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

import { tf } from "../core/backend.js";

/**
 * Mean softmax cross-entropy of `logits` ([n, classes]) against integer `labels` ([n]):
 * (1/Σw) Σ_i w_i·(logsumexp(z_i) − z_i[y_i]), with `weights` w (all 1 when omitted) — PyTorch's
 * `F.cross_entropy(logits, labels)` (reduction "mean"), weighted per example when given.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, weights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[1];
    const perExample = tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, tf.oneHot(tf.cast(labels, "int32"), classes)), 1));
    if (!weights) return tf.mean(perExample) as tf.Scalar;
    return tf.div(tf.sum(tf.mul(perExample, weights)), tf.sum(weights)) as tf.Scalar;
  });
}

/** Per-example softmax cross-entropy −log softmax(z_i)[y_i], as a [n] tensor. */
export function softmaxCrossEntropyPerExample(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, tf.oneHot(tf.cast(labels, "int32"), logits.shape[1])), 1)) as tf.Tensor1D);
}

// LeNet-5 (LeCun et al., 1998) in the cnn dialect, written before shape
// inference: intermediate sizes are left as `?` and filled in by
//   cnn-opt examples/lenet5.mlir --cnn-infer-shapes --canonicalize
// Weights are placeholders (splat constants); real weights arrive through the
// front ends.
func.func @lenet5(%image: tensor<1x1x32x32xf32>) -> tensor<?x?xf32> {
  %w1 = cnn.constant dense<0.01> : tensor<6x1x5x5xf32>
  %b1 = cnn.constant dense<0.0> : tensor<6xf32>
  %w2 = cnn.constant dense<0.01> : tensor<16x6x5x5xf32>
  %b2 = cnn.constant dense<0.0> : tensor<16xf32>
  %w3 = cnn.constant dense<0.01> : tensor<120x400xf32>
  %b3 = cnn.constant dense<0.0> : tensor<120xf32>
  %w4 = cnn.constant dense<0.01> : tensor<84x120xf32>
  %b4 = cnn.constant dense<0.0> : tensor<84xf32>
  %w5 = cnn.constant dense<0.01> : tensor<10x84xf32>
  %b5 = cnn.constant dense<0.0> : tensor<10xf32>

  // C1: 6 feature maps 5x5 -> 28x28; S2: 2x2 average pooling -> 14x14.
  %c1 = cnn.conv %image, %w1, %b1 : (tensor<1x1x32x32xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<?x?x?x?xf32>
  %a1 = cnn.tanh %c1 : tensor<?x?x?x?xf32>
  %s2 = cnn.avg_pool %a1 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  // C3: 16 maps 5x5 -> 10x10; S4 -> 5x5.
  %c3 = cnn.conv %s2, %w2, %b2 : (tensor<?x?x?x?xf32>, tensor<16x6x5x5xf32>, tensor<16xf32>) -> tensor<?x?x?x?xf32>
  %a3 = cnn.tanh %c3 : tensor<?x?x?x?xf32>
  %s4 = cnn.avg_pool %a3 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  // C5, F6, output: dense 400 -> 120 -> 84 -> 10.
  %f = cnn.flatten %s4 {axis = 1 : i64} : (tensor<?x?x?x?xf32>) -> tensor<?x?xf32>
  %c5 = cnn.gemm %f, %w3, %b3 {trans_b = true} : (tensor<?x?xf32>, tensor<120x400xf32>, tensor<120xf32>) -> tensor<?x?xf32>
  %a5 = cnn.tanh %c5 : tensor<?x?xf32>
  %f6 = cnn.gemm %a5, %w4, %b4 {trans_b = true} : (tensor<?x?xf32>, tensor<84x120xf32>, tensor<84xf32>) -> tensor<?x?xf32>
  %a6 = cnn.tanh %f6 : tensor<?x?xf32>
  %out = cnn.gemm %a6, %w5, %b5 {trans_b = true} : (tensor<?x?xf32>, tensor<10x84xf32>, tensor<10xf32>) -> tensor<?x?xf32>
  %prob = cnn.softmax %out {axis = 1 : i64} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %prob : tensor<?x?xf32>
}

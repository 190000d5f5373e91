// RUN: cnn-opt %s -split-input-file -cnn-infer-shapes -verify-diagnostics

// The rules fail once the operand types are refined: the pass reports the
// op's error and fails.
func.func @negative_mismatch_after_refinement(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %w2: tensor<4x4x7x7xf32>) -> tensor<?x?x?x?xf32> {
  %y = cnn.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  // expected-error @+1 {{kernel of effective size 7 is larger than the padded input (6)}}
  %z = cnn.conv %y, %w2 : (tensor<?x?x?x?xf32>, tensor<4x4x7x7xf32>) -> tensor<?x?x?x?xf32>
  return %z : tensor<?x?x?x?xf32>
}

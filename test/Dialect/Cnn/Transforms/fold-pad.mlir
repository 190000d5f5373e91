// RUN: cnn-opt %s -split-input-file -cnn-fold-pad | FileCheck %s

// Zero padding of H and W adds to the conv's own pads.
// CHECK-LABEL: func.func @fold_into_conv(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>
// CHECK-NOT: cnn.pad
// CHECK: cnn.conv %[[X]], %{{.*}} {pads = array<i64: 2, 1, 3, 1>}
func.func @fold_into_conv(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x11x8xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 0, 0, 0, 2, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x11x8xf32>
  %y = cnn.conv %p, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x11x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x11x8xf32>
  return %y : tensor<1x4x11x8xf32>
}

// -----

// A pad that something else reads stays for that reader.
// CHECK-LABEL: func.func @fold_keeps_other_user(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>
// CHECK: %[[P:.*]] = cnn.pad %[[X]]
// CHECK: cnn.conv %[[X]], %{{.*}} {pads = array<i64: 1, 1, 1, 1>}
// CHECK: return %{{.*}}, %[[P]]
func.func @fold_keeps_other_user(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x3x10x10xf32>) {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.conv %p, %w : (tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %y, %p : tensor<1x4x8x8xf32>, tensor<1x3x10x10xf32>
}

// -----

// Average pool without pads of its own: the explicit zeros count, so the
// folded pool counts its pads.
// CHECK-LABEL: func.func @fold_into_avg_pool(
// CHECK-NOT: cnn.pad
// CHECK: cnn.avg_pool %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}
func.func @fold_into_avg_pool(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.avg_pool %p {kernel_shape = array<i64: 3, 3>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

// Max pool after relu: a zero never beats the data it pads.
// CHECK-LABEL: func.func @fold_into_max_pool_after_relu(
// CHECK: %[[R:.*]] = cnn.relu
// CHECK-NOT: cnn.pad
// CHECK: cnn.max_pool %[[R]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
func.func @fold_into_max_pool_after_relu(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %r = cnn.relu %x : tensor<1x3x8x8xf32>
  %p = cnn.pad %r {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.max_pool %p {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// -inf padding in front of a max pool is what its own padding means.
// CHECK-LABEL: func.func @fold_into_max_pool_neg_inf(
// CHECK-NOT: cnn.pad
// CHECK: cnn.max_pool %{{.*}} {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>}
func.func @fold_into_max_pool_neg_inf(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 0, 0, 0, 0, 1, 1>, value = 0xFF800000 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x9x9xf32>
  %y = cnn.max_pool %p {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x9x9xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_nonzero_value(
// CHECK: cnn.pad
func.func @no_fuse_nonzero_value(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 1.0 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.conv %p, %w : (tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_reflect(
// CHECK: cnn.pad
func.func @no_fuse_reflect(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, mode = #cnn.pad_mode<reflect>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.conv %p, %w : (tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

// Padding channels is not a conv pad.
// CHECK-LABEL: func.func @no_fuse_channel_pad(
// CHECK: cnn.pad
func.func @no_fuse_channel_pad(%x: tensor<1x2x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 1, 0, 0, 0, 0, 0, 0>} : (tensor<1x2x8x8xf32>) -> tensor<1x3x8x8xf32>
  %y = cnn.conv %p, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// Negative amounts crop.
// CHECK-LABEL: func.func @no_fuse_crop(
// CHECK: cnn.pad
func.func @no_fuse_crop(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x5xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, -1, 0, 0, 1, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x7xf32>
  %y = cnn.conv %p, %w {strides = array<i64: 2, 1>} : (tensor<1x3x10x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x5xf32>
  return %y : tensor<1x4x4x5xf32>
}

// -----

// The sign of a graph input is unknown: a zero could be the maximum.
// CHECK-LABEL: func.func @no_fuse_max_pool_any_sign(
// CHECK: cnn.pad
func.func @no_fuse_max_pool_any_sign(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.max_pool %p {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// The pool's own pads are not counted, the explicit ones would be.
// CHECK-LABEL: func.func @no_fuse_avg_pool_exclude_pad(
// CHECK: cnn.pad
func.func @no_fuse_avg_pool_exclude_pad(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x10x8xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 0, 0, 0, 1, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x8xf32>
  %y = cnn.avg_pool %p {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x10x8xf32>) -> tensor<1x3x10x8xf32>
  return %y : tensor<1x3x10x8xf32>
}

// -----

// Pool pads must stay below the kernel size.
// CHECK-LABEL: func.func @no_fuse_pool_pads_too_large(
// CHECK: cnn.pad
func.func @no_fuse_pool_pads_too_large(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x5x5xf32> {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 2, 2, 0, 0, 0, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y = cnn.avg_pool %p {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// -----

// Argmax indices count positions of the padded tensor.
// CHECK-LABEL: func.func @no_fuse_max_pool_indices(
// CHECK: cnn.pad
func.func @no_fuse_max_pool_indices(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x9x9xf32>, tensor<1x3x9x9xi64>) {
  %p = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0xFF800000 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %y, %i = cnn.max_pool %p {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>) -> (tensor<1x3x9x9xf32>, tensor<1x3x9x9xi64>)
  return %y, %i : tensor<1x3x9x9xf32>, tensor<1x3x9x9xi64>
}

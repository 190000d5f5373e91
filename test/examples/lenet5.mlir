// The README's first command runs this example; it must keep working.
// RUN: cnn-opt %cnnc_src_root/examples/lenet5.mlir --cnn-infer-shapes --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @lenet5
// CHECK-SAME: (%{{.*}}: tensor<1x1x32x32xf32>) -> tensor<1x10xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x6x28x28xf32>
// CHECK: cnn.avg_pool {{.*}} -> tensor<1x6x14x14xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x16x10x10xf32>
// CHECK: cnn.avg_pool {{.*}} -> tensor<1x16x5x5xf32>
// CHECK: cnn.flatten {{.*}} -> tensor<1x400xf32>
// CHECK: cnn.gemm {{.*}} -> tensor<1x120xf32>
// CHECK: cnn.gemm {{.*}} -> tensor<1x84xf32>
// CHECK: cnn.gemm {{.*}} -> tensor<1x10xf32>
// CHECK: cnn.softmax {{.*}} -> tensor<1x10xf32>

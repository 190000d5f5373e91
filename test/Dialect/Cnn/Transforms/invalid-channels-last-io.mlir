// RUN: cnn-opt %s -cnn-channels-last-io -verify-diagnostics

// Without a @main graph there is nothing to give channels-last I/O.
// expected-error@+1 {{channels-last I/O: no @main graph function}}
module {
  func.func @not_main(%x: tensor<1x3x8x6xf32>) -> tensor<1x3x8x6xf32> {
    return %x : tensor<1x3x8x6xf32>
  }
}

/*===- run_model.c - use a model compiled by cnnc from plain C ------------===*
 *
 * Part of cnnc. Built by examples/CMakeLists.txt against lenet5.o and
 * lenet5.h, which `cnnc lenet5.cnn -o lenet5.o` writes. Only libc and libm
 * are needed.
 *===----------------------------------------------------------------------===*/

#include "lenet5.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  /* A synthetic "digit": a ring drawn into the 32x32 input. */
  float *image = calloc(LENET5_INPUT0_ELEMENTS, sizeof(float));
  float *scores = calloc(LENET5_OUTPUT0_ELEMENTS, sizeof(float));
  void *arena = aligned_alloc(LENET5_ARENA_ALIGNMENT,
                              (LENET5_ARENA_BYTES + 63) / 64 * 64);
  if (!image || !scores || !arena) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  int side = 1;
  while (side * side < LENET5_INPUT0_ELEMENTS)
    ++side;
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      double r = hypot(x - side / 2.0, y - side / 2.0);
      image[y * side + x] = fabs(r - side / 4.0) < 2.0 ? 1.0f : 0.0f;
    }

  const void *inputs[] = {image};
  void *outputs[] = {scores};
  if (lenet5_run(inputs, outputs, arena) != 0) {
    fprintf(stderr, "lenet5_run failed\n");
    return 1;
  }
  int best = 0;
  printf("%s scores:", LENET5_OUTPUT0_NAME);
  for (int i = 0; i < LENET5_OUTPUT0_ELEMENTS; ++i) {
    printf(" %.4f", scores[i]);
    if (scores[i] > scores[best])
      best = i;
  }
  printf("\nclass %d (arena %d bytes, untrained He/Glorot weights)\n", best,
         (int)LENET5_ARENA_BYTES);
  free(image);
  free(scores);
  free(arena);
  return 0;
}

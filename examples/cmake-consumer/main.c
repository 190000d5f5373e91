/* classify: runs the model cnnc_add_model() compiled into this program.
 *
 *   classify INPUT.raw OUTPUT.raw [THREADS]
 *
 * INPUT.raw holds the input as raw float32 in C order, OUTPUT.raw receives
 * the first output the same way; the index of its largest value is printed. */
#include "cnnrt.h"  /* cnnrt_set_num_threads */
#include "resnet.h" /* generated: shapes, RESNET_ARENA_BYTES, resnet_run */

#include <stdio.h>
#include <stdlib.h>

static float input[RESNET_INPUT0_ELEMENTS];
static float output[RESNET_OUTPUT0_ELEMENTS];

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s INPUT.raw OUTPUT.raw [THREADS]\n", argv[0]);
    return 2;
  }
  if (argc > 3)
    cnnrt_set_num_threads(atoi(argv[3]));
  FILE *in = fopen(argv[1], "rb");
  if (!in || fread(input, sizeof input, 1, in) != 1) {
    fprintf(stderr, "%s: cannot read %zu bytes\n", argv[1], sizeof input);
    return 1;
  }
  fclose(in);
  void *arena = aligned_alloc(RESNET_ARENA_ALIGNMENT,
                              (RESNET_ARENA_BYTES + 63) / 64 * 64);
  const void *inputs[] = {input};
  void *outputs[] = {output};
  if (!arena || resnet_run(inputs, outputs, arena) != 0)
    return 1;
  free(arena);
  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(output, sizeof output, 1, out) != 1)
    return 1;
  fclose(out);
  int best = 0;
  for (int i = 1; i < RESNET_OUTPUT0_ELEMENTS; ++i)
    if (output[i] > output[best])
      best = i;
  printf("class %d (%s of shape", best, RESNET_OUTPUT0_NAME);
  static const int64_t shape[] = RESNET_OUTPUT0_SHAPE;
  for (int i = 0; i < RESNET_OUTPUT0_RANK; ++i)
    printf(" %lld", (long long)shape[i]);
  printf(")\n");
  return 0;
}

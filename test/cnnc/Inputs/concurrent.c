/* concurrent.c: several threads run one compiled model at once, each with
 * its own arena and output buffer (as model.h allows); every call must give
 * exactly the output of a call made alone. The model's kernels use the
 * runtime's thread pool, which one caller at a time gets (the others run
 * their kernels on their own thread). Prints "same" or the first
 * difference. */
#include "model.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kThreads = 4, kRuns = 40 };

static float input[MODEL_INPUT0_ELEMENTS];
static float reference[MODEL_OUTPUT0_ELEMENTS];
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void run(float *output, void *arena) {
  const void *inputs[] = {input};
  void *outputs[] = {output};
  model_run(inputs, outputs, arena);
}

static void *worker(void *unused) {
  (void)unused;
  void *arena = aligned_alloc(MODEL_ARENA_ALIGNMENT, MODEL_ARENA_BYTES);
  float *output = malloc(sizeof(reference));
  for (int r = 0; r < kRuns; ++r) {
    memset(output, 0xff, sizeof(reference));
    run(output, arena);
    if (memcmp(output, reference, sizeof(reference)) != 0) {
      pthread_mutex_lock(&lock);
      ++failures;
      pthread_mutex_unlock(&lock);
    }
  }
  free(output);
  free(arena);
  return NULL;
}

int main(void) {
  unsigned seed = 12345;
  for (int i = 0; i < MODEL_INPUT0_ELEMENTS; ++i) {
    seed = seed * 1103515245u + 12345u;
    input[i] = (float)((seed >> 8) & 0xffff) / 65536.0f - 0.5f;
  }
  void *arena = aligned_alloc(MODEL_ARENA_ALIGNMENT, MODEL_ARENA_BYTES);
  run(reference, arena);
  free(arena);
  pthread_t threads[kThreads];
  for (int t = 0; t < kThreads; ++t)
    pthread_create(&threads[t], NULL, worker, NULL);
  for (int t = 0; t < kThreads; ++t)
    pthread_join(threads[t], NULL);
  if (failures) {
    printf("%d of %d calls differ\n", failures, kThreads * kRuns);
    return 1;
  }
  printf("same\n");
  return 0;
}
